#!/usr/bin/env python3
"""Writes seed-data/demo/*.json: fictional demo organisations and cases.

Run from the repository root: python3 seed-data/tools/generate_demo_cases.py
Deterministic (fixed random seed), so re-running produces the same files. The 2013/14 set reproduces the figure in
the West Mercia Panel report for Q1 2013/14 (seeds/003): by 30 June 2013, 61 grants awarded from the
Commissioner's Grant Scheme totalling £1,369,313.
"""
import json
import random
from pathlib import Path

random.seed(20130630)
OUT = Path(__file__).resolve().parent.parent / "demo"

AREAS = ["Herefordshire", "Shropshire", "Telford and Wrekin", "Worcestershire"]
TOWNS = {
    "Herefordshire": [("Hereford", "HR1"), ("Leominster", "HR6"), ("Ross-on-Wye", "HR9"), ("Ledbury", "HR8"), ("Bromyard", "HR7")],
    "Shropshire": [("Shrewsbury", "SY1"), ("Ludlow", "SY8"), ("Oswestry", "SY11"), ("Bridgnorth", "WV16"), ("Market Drayton", "TF9")],
    "Telford and Wrekin": [("Telford", "TF3"), ("Wellington", "TF1"), ("Newport", "TF10"), ("Madeley", "TF7")],
    "Worcestershire": [("Worcester", "WR1"), ("Kidderminster", "DY10"), ("Redditch", "B97"), ("Bromsgrove", "B60"), ("Evesham", "WR11"), ("Malvern", "WR14")],
}
ACTIVITIES = [
    ("Youth Boxing Club", "CommunityGroup", "Evening boxing sessions for young people at risk of offending", [4, 5], "young people attending regularly"),
    ("Street Angels", "RegisteredCharity", "Night-time economy volunteers supporting vulnerable people at weekends", [2, 7], "people helped on nights out"),
    ("Neighbourhood Watch Association", "CommunityGroup", "Recruiting and equipping neighbourhood watch co-ordinators", [4, 5, 11], "new watch schemes"),
    ("Women's Refuge", "RegisteredCharity", "Outreach and refuge support for victims of domestic abuse", [7, 8], "victims supported"),
    ("Community Speedwatch", "CommunityGroup", "Volunteer speed monitoring in villages with speeding concerns", [9], "speed checks carried out"),
    ("Rural Crime Network", "CommunityInterestCompany", "Farm and rural business crime prevention, marking kits and alerts", [6], "farms signed up"),
    ("Recovery Café", "CharitableIncorporatedOrganisation", "Peer support for people in recovery from drug and alcohol misuse", [3, 2], "people in recovery supported"),
    ("Victim Support Volunteers", "RegisteredCharity", "Volunteer visits and emotional support for victims of crime", [8], "victims contacted"),
    ("Mentoring Project", "CompanyLimitedByGuarantee", "One-to-one mentoring for young people leaving custody", [5], "mentees matched"),
    ("Town Council", "ParishOrTownCouncil", "Community CCTV upgrade for the town centre", [4, 1], "incidents reviewed with police"),
    ("Cadet Support Group", "CommunityGroup", "Equipment and activities for the volunteer police cadets", [1, 11], "cadets enrolled"),
    ("Hate Crime Reporting Centre", "CharitableIncorporatedOrganisation", "Third-party hate crime reporting and advocacy", [7, 8], "reports taken"),
    ("Shopwatch Partnership", "CommunityInterestCompany", "Radio link and training for town-centre retailers", [6], "businesses in the scheme"),
    ("Restorative Justice Circle", "RegisteredCharity", "Restorative conferences between victims and offenders", [5, 8], "conferences held"),
    ("Alcohol Awareness Trust", "RegisteredCharity", "Alcohol harm education in schools and colleges", [2], "pupils reached"),
]
CSPS = [
    ("North Worcestershire Community Safety Partnership", "Worcestershire", ("Redditch", "B98"), 172_500, [2, 4, 5]),
    ("South Worcestershire Community Safety Partnership", "Worcestershire", ("Worcester", "WR1"), 198_000, [2, 4, 7]),
    ("Herefordshire Community Safety Partnership", "Herefordshire", ("Hereford", "HR4"), 141_000, [4, 7, 5]),
    ("Shropshire Community Safety Partnership", "Shropshire", ("Shrewsbury", "SY2"), 176_500, [2, 4, 6]),
    ("Telford and Wrekin Community Safety Partnership", "Telford and Wrekin", ("Telford", "TF3"), 152_000, [2, 3, 4]),
    ("West Mercia Youth Offending Service", "Worcestershire", ("Worcester", "WR5"), 150_000, [5]),
]
TOTAL_POUNDS = 1_369_313
GRANT_COUNT = 61


def shares(objectives):
    if len(objectives) == 1:
        return {str(objectives[0]): 100}
    if len(objectives) == 2:
        return {str(objectives[0]): 60, str(objectives[1]): 40}
    return {str(objectives[0]): 50, str(objectives[1]): 30, str(objectives[2]): 20}


def organisations():
    orgs, n = [], 0
    for name, area, (town, pc), _, _ in CSPS:
        orgs.append({"name": name, "type": "StatutoryPartner" if "Youth" in name else "CommunitySafetyPartnership",
                     "addressLine1": "Civic Centre", "town": town, "postcode": f"{pc} {random.randint(1, 9)}{random.choice('ABDEFGHJLNPQRSTUWXYZ')}{random.choice('ABDEFGHJLNPQRSTUWXYZ')}",
                     "areaServed": area, "members": []})
    for area, towns in TOWNS.items():
        for town, pc in towns:
            for _ in range(2):
                name, kind, _, _, _ = ACTIVITIES[n % len(ACTIVITIES)]
                n += 1
                org = {"name": f"{town} {name}", "type": kind, "addressLine1": f"{random.randint(1, 120)} {random.choice(['High Street', 'Church Lane', 'Station Road', 'Mill Street', 'Bridge Street'])}",
                       "town": town, "postcode": f"{pc} {random.randint(1, 9)}{random.choice('ABDEFGHJLNPQRSTUWXYZ')}{random.choice('ABDEFGHJLNPQRSTUWXYZ')}",
                       "areaServed": area, "members": []}
                if kind in ("RegisteredCharity", "CharitableIncorporatedOrganisation"):
                    org["charityNumber"] = str(1_150_000 + n * 37)
                if kind in ("CommunityInterestCompany", "CompanyLimitedByGuarantee"):
                    org["companyNumber"] = f"{8_400_000 + n * 113:08d}"
                org["bank"] = {"accountName": org["name"], "sortCode": f"{random.randint(10, 99)}-{random.randint(10, 99)}-{random.randint(10, 99)}", "accountNumber": f"{random.randint(10_000_000, 99_999_999)}"}
                orgs.append(org)
    return orgs


def community_amounts(count, total):
    raw = [random.choice([1_500, 2_000, 2_500, 3_000, 4_000, 5_000, 6_000, 7_500, 8_000, 10_000, 12_000]) + random.randint(0, 40) * 25 for _ in range(count)]
    scale = total / sum(raw)
    amounts = [max(1_000, int(a * scale)) for a in raw]
    amounts[-1] += total - sum(amounts)
    assert sum(amounts) == total and min(amounts) > 0
    return amounts


def day(n):
    """The nth working-ish day after 8 April 2013, capped at 28 June 2013."""
    import datetime
    d = datetime.date(2013, 4, 8) + datetime.timedelta(days=n)
    return min(d, datetime.date(2013, 6, 28)).isoformat()


def payments_and_spend(i, ref, amount, budget, awarded_on, target):
    """Instalments and the Q1 return as real grants vary: one, two or three instalments of different sizes, the first paid
    a few days to a few weeks after the award (some in July, so outside Q1), and Q1 spend that differs line by line.
    Each award draws from its own generator seeded by its reference, so the other demo files are unchanged."""
    import datetime
    rng = random.Random(f"payments:{ref}")
    awarded = datetime.date.fromisoformat(awarded_on)
    first_paid = awarded + datetime.timedelta(days=rng.choice([0, 2, 5, 9, 14, 21, 30, 45]))
    if amount <= 3_000 and rng.random() < 0.6:
        plan = [(1.0, first_paid)]
    elif rng.random() < 0.3:
        third = rng.choice([0.25, 0.3, 0.34, 0.4])
        plan = [(third, first_paid), (third, datetime.date(2013, 10, 1)), (None, datetime.date(2014, 1, 6))]
    else:
        plan = [(rng.choice([0.3, 0.4, 0.5, 0.6, 0.7, 0.75]), first_paid), (None, datetime.date(2013, 10, 1))]
    payments, left = [], amount
    for k, (fraction, when) in enumerate(plan):
        part = left if fraction is None or k == len(plan) - 1 else int(round(amount * fraction))
        left -= part
        due = awarded_on if k == 0 else when.isoformat()
        paid_on = when if k == 0 else when + datetime.timedelta(days=rng.randint(0, 4))
        payments.append({"due": due, "amount": part, "state": "Paid", "paidOn": paid_on.isoformat(),
                         "financeReference": f"WM-AP-{2013_0000 + i * 3 + k}"})
    assert left == 0 and sum(p["amount"] for p in payments) == amount and all(p["amount"] > 0 for p in payments)
    # Q1 spend: some lines barely started, some well under way; never more than the line.
    released = payments[0]["amount"] / amount
    spend = [min(b["amount"], int(round(b["amount"] * released * rng.uniform(0.15, 0.95)))) for b in budget]
    if len(spend) > 2 and rng.random() < 0.25:
        spend[2] = 0
    value = max(0, int(round(target * rng.uniform(0.05, 0.45))))
    return payments, spend, value


def award_case(i, ref, org, area, title, summary, amount, objectives, indicator, awarded_on, authority, notice):
    budget = [
        {"description": "Staff and sessional workers", "category": "Staff", "amount": round(amount * 0.6)},
        {"description": "Venue hire and equipment", "category": "Equipment", "amount": amount - round(amount * 0.6) - round(amount * 0.1)},
        {"description": "Volunteer expenses and training", "category": "Volunteer expenses", "amount": round(amount * 0.1)},
    ]
    budget = [b for b in budget if b["amount"] > 0]
    target = max(10, amount // 400)
    payments, q1_spend, q1_value = payments_and_spend(i, ref, amount, budget, awarded_on, target)
    return {
        "reference": ref, "round": "CGS-2013-14", "organisation": org, "title": title, "summary": summary,
        "requested": amount, "state": "OfferAccepted", "submittedAt": f"{day(i % 40)}T10:30", "areaServed": area,
        "objectives": shares(objectives),
        "budget": budget,
        "indicators": [{"name": indicator.capitalize(), "unit": "number", "target": target, "objective": objectives[0]}],
        "decision": {"outcome": "Approve", "amount": amount, "authority": authority, "decidedAt": f"{awarded_on}T14:00", "notice": notice,
                     "rationale": "The project will contribute to reducing crime and disorder in line with the Police and Crime Plan.",
                     "conditions": "Quarterly monitoring returns; acknowledgement of the Commissioner's funding in publicity."},
        "award": {
            "reference": ref.replace("CGS-", "AWD-"), "state": "Active", "awardedOn": awarded_on, "start": awarded_on, "end": "2014-03-31",
            "basis": "Advance", "advanceJustification": "Small voluntary organisation without reserves to fund activity in arrears.",
            "conditions": ["Submit quarterly monitoring returns by the due date.", "Acknowledge the Police and Crime Commissioner's funding in publicity."],
            "payments": payments,
            "returns": [
                {"periodStart": "2013-04-01", "periodEnd": "2013-06-30", "due": "2013-07-31", "state": "Accepted",
                 "spend": q1_spend, "indicatorValues": [q1_value],
                 "narrative": "Activity started on schedule; partners engaged and first participants referred."},
            ],
        },
    }


def cases_2013():
    cases, i = [], 0
    for name, area, _, amount, objectives in CSPS:
        i += 1
        ref = f"CGS-2013-{i:04d}"
        notice = f"WMPCC/2013/{i + 2:03d}"
        cases.append(award_case(i, ref, name, area, f"Community safety provision 2013/14 – {name}",
                                "Continuation of community safety provision formerly funded by the Home Office through the partnership.",
                                amount, objectives, "people supported by commissioned services", "2013-04-08", "Commissioner", notice))
    community = [o for o in organisations() if o["type"] not in ("CommunitySafetyPartnership", "StatutoryPartner")]
    amounts = community_amounts(GRANT_COUNT - len(CSPS), TOTAL_POUNDS - sum(c[3] for c in CSPS))
    for k, amount in enumerate(amounts):
        i += 1
        org = community[k % len(community)]
        activity = next(a for a in ACTIVITIES if org["name"].endswith(a[0]))
        cases.append(award_case(i, f"CGS-2013-{i:04d}", org["name"], org["areaServed"], activity[2], activity[2] + ".",
                                amount, activity[3], activity[4], day(5 + k * 80 // len(amounts)), "DecisionMaker", None))
    assert len(cases) == GRANT_COUNT
    assert sum(p["amount"] for c in cases for p in c["award"]["payments"]) == TOTAL_POUNDS
    return cases


def current_rounds():
    return [
        {"fund": "CGS", "reference": "CGS-CURRENT", "title": "Commissioner's Grant Scheme – community safety projects",
         "purpose": "Grants to projects that reduce crime and disorder or deliver the Police and Crime Plan, with priority for violent crime linked to alcohol, anti-social behaviour and support for victims.",
         "whoCanApply": "Registered charities, CIOs, community interest companies, constituted community groups and parish and town councils working in West Mercia.",
         "opensAt": "today-60d 09:00", "closesAt": "today+30d 12:00", "minAward": 1000, "maxAward": 25000,
         "objectives": [2, 4, 5, 7, 8], "copyEligibilityAndCriteriaFrom": "CGS-2013-14"},
        {"fund": "SMALL", "reference": "SMALL-CURRENT", "title": "Commissioner's Small Fund – grants up to £500",
         "purpose": "Up to £500 for groups that help fight crime and support victims of crime.",
         "whoCanApply": "Voluntary and community groups, charities and parish councils in West Mercia.",
         "opensAt": "today-20d 09:00", "closesAt": "today+45d 17:00", "minAward": 50, "maxAward": 500, "shortForm": True,
         "objectives": [4, 7, 8, 11], "copyEligibilityAndCriteriaFrom": "SMALL-2013"},
        {"fund": "CGS", "reference": "CGS-SPRING", "title": "Commissioner's Grant Scheme – spring round",
         "purpose": "Earlier round this year for projects starting in the summer.",
         "whoCanApply": "As for the main scheme.",
         "opensAt": "today-200d 09:00", "closesAt": "today-120d 12:00", "minAward": 1000, "maxAward": 25000,
         "objectives": [2, 4, 5, 7, 8, 9], "copyEligibilityAndCriteriaFrom": "CGS-2013-14"},
    ]


def current_case(n, org, state, amount, objectives, round_ref="CGS-SPRING", **extra):
    title, summary = extra.pop("title", None), None
    activity = next((a for a in ACTIVITIES if org["name"].endswith(a[0])), ACTIVITIES[0])
    title = title or activity[2]
    budget = [
        {"description": "Sessional workers", "category": "Staff", "amount": round(amount * 0.7)},
        {"description": "Equipment and materials", "category": "Equipment", "amount": amount - round(amount * 0.7)},
    ]
    case = {"reference": f"{'SF' if round_ref.startswith('SMALL') else 'CGS'}-CY-{n:04d}", "round": round_ref, "organisation": org["name"],
            "title": title, "summary": activity[2] + ".", "requested": amount, "state": state, "areaServed": org["areaServed"],
            "objectives": shares(objectives), "budget": budget,
            "indicators": [{"name": activity[4].capitalize(), "unit": "number", "target": max(5, amount // 500), "objective": objectives[0]}]}
    if state != "Draft":
        case["submittedAt"] = extra.pop("submittedAt", "today-150d 11:15")
    case.update(extra)
    return case


def decided(amount, authority="DecisionMaker", outcome="Approve", at="today-110d 15:00"):
    return {"outcome": outcome, "amount": amount if outcome in ("Approve", "PartFund") else 0, "authority": authority, "decidedAt": at, "notice": None,
            "rationale": "Meets the scheme criteria and contributes to the Police and Crime Plan." if outcome in ("Approve", "PartFund") else "Does not meet the scheme criteria at this time.",
            "conditions": "Quarterly monitoring returns." if outcome in ("Approve", "PartFund") else None}


def award_block(ref, amount, state, payments, returns):
    return {"reference": ref, "state": state, "awardedOn": "today-105d", "start": "today-100d", "end": "today+265d", "basis": "Arrears",
            "conditions": ["Submit quarterly monitoring returns by the due date.", "Acknowledge the Commissioner's funding in publicity."],
            "payments": payments, "returns": returns}


def pay(amount, state, due, **extra):
    p = {"due": due, "amount": amount, "state": state}
    p.update(extra)
    return p


def ret(state, start, end, due, spend=None, values=None, narrative=None, query=None):
    r = {"periodStart": start, "periodEnd": end, "due": due, "state": state}
    if spend is not None:
        r.update({"spend": spend, "indicatorValues": values or [0], "narrative": narrative or "Sessions running as planned."})
    if query is not None:
        # A queried return carries the grants officer's question, which the applicant sees on the dashboard.
        r["query"] = query
    return r


def cases_current(orgs):
    community = [o for o in orgs if o["type"] not in ("CommunitySafetyPartnership", "StatutoryPartner")]
    c = []
    c.append(current_case(1, community[0], "Draft", 8000, [4, 5], round_ref="CGS-CURRENT", title="Friday night boxing and mentoring"))
    c.append(current_case(2, community[1], "Submitted", 12000, [2, 7], round_ref="CGS-CURRENT", submittedAt="today-3d 16:40"))
    c.append(current_case(3, community[2], "EligibilityCheck", 6000, [4], round_ref="CGS-CURRENT", submittedAt="today-10d 09:05"))
    c.append(current_case(4, community[3], "Assessment", 18000, [7, 8], round_ref="CGS-CURRENT", submittedAt="today-20d 13:00",
                          assessments=[{"assessor": "assessor@demo.opcc-grants.example", "conflict": False, "scores": [4, 3, 4, 3], "recommendation": "Fund"},
                                       {"assessor": "assessor2@demo.opcc-grants.example", "conflict": True, "conflictDetails": "Trustee of the applicant charity."}]))
    c.append(current_case(5, community[4], "Recommendation", 9500, [9], round_ref="CGS-SPRING",
                          assessments=[{"assessor": "assessor@demo.opcc-grants.example", "conflict": False, "scores": [5, 4, 4, 4], "recommendation": "Fund"}],
                          publicInterest={"reason": "Speed cameras in villages are contested locally: parish councils and the local press have asked about this grant, "
                                                    "so the Commissioner decides it with a published notice.", "by": "officer@demo.opcc-grants.example"}))
    c.append(current_case(6, community[5], "Deferred", 15000, [6], decision=decided(0, outcome="Defer")))
    c.append(current_case(7, community[6], "Rejected", 22000, [3, 2], decision=decided(0, outcome="Reject")))
    c.append(current_case(8, community[7], "Withdrawn", 4000, [8]))
    c.append(current_case(9, community[8], "OfferMade", 11000, [5], decision=decided(11000)))
    c.append(current_case(10, community[9], "OfferDeclined", 7000, [4, 1], decision=decided(7000)))
    c.append(current_case(11, community[10], "Submitted", 450, [11], round_ref="SMALL-CURRENT", submittedAt="today-2d 20:15"))
    c.append(current_case(12, community[11], "OfferAccepted", 400, [7], round_ref="SMALL-CURRENT", submittedAt="today-15d 10:00",
                          decision=decided(400, authority="GrantsOfficer", at="today-8d 11:00"),
                          award={"reference": "AWD-SF-CY-0012", "state": "Active", "awardedOn": "today-7d", "start": "today-7d", "end": "today+180d", "basis": "Advance",
                                 "advanceJustification": "Small award paid in one sum.", "conditions": ["Send a short report and receipts within six months."],
                                 "payments": [pay(400, "Ready", "today+3d")], "returns": [ret("Scheduled", "today-7d", "today+180d", "today+210d")]}))
    # Accepted offers with awards, payments and returns in every state.
    q = [("today-100d", "today-10d", "today+20d")]
    c.append(current_case(13, community[12], "OfferAccepted", 20000, [2, 4], decision=decided(20000), award=award_block("AWD-CY-0013", 20000, "Active",
        [pay(5000, "Paid", "today-60d", paidOn="today-58d", financeReference="WM-AP-900113"), pay(5000, "Authorised", "today+2d"), pay(5000, "Scheduled", "today+90d"), pay(5000, "Scheduled", "today+180d")],
        [ret("Accepted", "today-100d", "today-70d", "today-40d", [3000, 1200], [14]), ret("Submitted", "today-69d", "today-10d", "today+20d", [4200, 1500], [22]), ret("Scheduled", "today-9d", "today+80d", "today+110d")])))
    c.append(current_case(14, community[13], "OfferAccepted", 16000, [7, 8], decision=decided(16000), award=award_block("AWD-CY-0014", 16000, "Active",
        [pay(8000, "Paid", "today-90d", paidOn="today-88d", financeReference="WM-AP-900114"), pay(8000, "Held", "today-5d", holdReason="Monitoring return overdue")],
        [ret("Overdue", "today-100d", "today-40d", "today-10d")])))
    c.append(current_case(15, community[14], "OfferAccepted", 24000, [5], decision=decided(24000), award=award_block("AWD-CY-0015", 24000, "VariationRequested",
        [pay(12000, "Paid", "today-95d", paidOn="today-93d", financeReference="WM-AP-900115"), pay(12000, "Ready", "today+1d")],
        [ret("Queried", "today-100d", "today-40d", "today-10d", [9000, 2500], [30], "Fewer referrals than planned because the school term ended early.",
             query="Thank you for the return. You have spent £9,000 of the £16,800 for sessional workers but reached 30 of the 48 pupils planned. "
                   "Please tell us how many sessions were delivered in the period and how you will reach the other 18 pupils before the grant ends, "
                   "then send the return again."), ret("Due", "today-39d", "today-1d", "today+29d")])))
    c.append(current_case(16, community[15], "OfferAccepted", 10000, [3], decision=decided(10000), award=award_block("AWD-CY-0016", 10000, "Suspended",
        [pay(5000, "Paid", "today-90d", paidOn="today-89d", financeReference="WM-AP-900116"), pay(5000, "Held", "today+10d", holdReason="Award suspended pending safeguarding review")],
        # The second return is overdue (AWD-CY-0014's overdue return is cancelled when the finance demo terminates that award).
        [ret("Accepted", "today-100d", "today-40d", "today-10d", [3500, 1000], [8]), ret("Overdue", "today-39d", "today-25d", "today-10d")])))
    c.append(current_case(17, community[16], "OfferAccepted", 5000, [9], decision=decided(5000), award=award_block("AWD-CY-0017", 5000, "Closed",
        [pay(5000, "Paid", "today-80d", paidOn="today-79d", financeReference="WM-AP-900117")],
        [ret("Accepted", "today-100d", "today-30d", "today-5d", [3500, 1500], [60], "All checks completed; final report attached.")])))
    c.append(current_case(18, community[17], "OfferAccepted", 9000, [6], decision=decided(9000), award=award_block("AWD-CY-0018", 9000, "Terminated",
        [pay(9000, "Paid", "today-95d", paidOn="today-94d", financeReference="WM-AP-900118"), pay(-6000, "Recovered", "today-20d", kind="Recovery", financeReference="WM-AR-900118", paidOn="today-20d")],
        [ret("Accepted", "today-100d", "today-50d", "today-25d", [2000, 1000], [3], "Project stopped: the lead worker left and no replacement was found.")])))
    # Something for the demo applicant (applicant@demo.opcc-grants.example) to track: an offer to accept for Hereford Street
    # Angels (part-funded) and a grant for Hereford Youth Boxing Club with a return queried by an officer and one due.
    c.append(current_case(19, community[1], "OfferMade", 10000, [2, 7], title="Weekend Street Angels patrols and safe space", submittedAt="today-60d 14:20",
                          decision=decided(8000, outcome="PartFund", at="today-4d 15:30")))
    c.append(current_case(20, community[0], "OfferAccepted", 6000, [4, 5], title="After-school boxing and mentoring", decision=decided(6000),
                          award=award_block("AWD-CY-0020", 6000, "Active",
        [pay(3000, "Paid", "today-95d", paidOn="today-93d", financeReference="WM-AP-900120"), pay(3000, "Scheduled", "today+80d")],
        [ret("Queried", "today-100d", "today-40d", "today-10d", [1500, 400], [12], "Sessions started in the spring; twelve young people attend every week.",
             query="Please attach the receipts for the £400 of equipment, and tell us whether the twelve young people are the same group "
                   "each week or a rolling group, then send the return again."),
         ret("Due", "today-39d", "today-1d", "today+29d"), ret("Scheduled", "today", "today+265d", "today+295d")])))
    return c


def main():
    orgs = organisations()
    members = {
        orgs[6]["name"]: [("applicant@demo.opcc-grants.example", "Owner")],
        orgs[7]["name"]: [("applicant@demo.opcc-grants.example", "Owner"), ("volunteer@demo.opcc-grants.example", "Editor")],
        orgs[-1]["name"]: [("treasurer@demo.opcc-grants.example", "Owner")],
    }
    for o in orgs:
        o["members"] = [{"email": e, "role": r} for e, r in members.get(o["name"], [])]
    OUT.mkdir(exist_ok=True)
    (OUT / "organisations.json").write_text(json.dumps({
        "$comment": "Fictional demo organisations in the four West Mercia local authority areas. Names, numbers and bank details are invented. Generated by seed-data/tools/generate_demo_cases.py.",
        "organisations": orgs}, indent=1) + "\n")
    (OUT / "cases-2013-14.json").write_text(json.dumps({
        "$comment": "Fictional Commissioner's Grant Scheme awards 2013/14 reproducing seeds/003: by 30 June 2013, 61 grants totalling £1,369,313. Amounts in pounds; times UK local. Generated by seed-data/tools/generate_demo_cases.py.",
        "cases": cases_2013()}, indent=1) + "\n")
    (OUT / "cases-current-year.json").write_text(json.dumps({
        "$comment": "Fictional cases in the current financial year, one or more in every workflow state. Dates are relative to the day the data is loaded: 'today-30d', 'today+14d 17:00' (UK local). Generated by seed-data/tools/generate_demo_cases.py.",
        "budgets": [{"fund": "CGS", "financialYear": "current", "amount": 2000000}, {"fund": "SMALL", "financialYear": "current", "amount": 20000},
                    {"fund": "CGS", "financialYear": "next", "amount": 2000000}, {"fund": "SMALL", "financialYear": "next", "amount": 20000}],
        "rounds": current_rounds(),
        "cases": cases_current(orgs)}, indent=1) + "\n")


if __name__ == "__main__":
    main()
