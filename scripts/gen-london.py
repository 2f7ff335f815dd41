#!/usr/bin/env python3
"""Generates a London-wide appraisal in Consort's interchange JSON.

All 33 London local authorities (the 32 boroughs and the City of London,
with their 2021 census populations), 60 services, 20 options and a
10-year horizon: the large appraisal the benchmarks use.  The figures are
made up but plausible, and the output is deterministic for a given seed,
so two runs give identical bytes.

    scripts/gen-london.py [--seed N] [--years N] [--options N]
                          [--services N] [-o FILE]
"""

import argparse
import json
import sys

# The 33 London local authorities: id, name, population (2021 census,
# rounded to the hundred).
BOROUGHS = [
    ("bdg", "Barking and Dagenham", 218900),
    ("bar", "Barnet", 389300),
    ("bex", "Bexley", 246500),
    ("bre", "Brent", 339800),
    ("bro", "Bromley", 330000),
    ("cam", "Camden", 210100),
    ("col", "City of London", 8600),
    ("cro", "Croydon", 390800),
    ("eal", "Ealing", 367100),
    ("enf", "Enfield", 330000),
    ("gre", "Greenwich", 289100),
    ("hck", "Hackney", 259200),
    ("hf", "Hammersmith and Fulham", 183200),
    ("hgy", "Haringey", 264200),
    ("hrw", "Harrow", 261200),
    ("hav", "Havering", 262000),
    ("hil", "Hillingdon", 305900),
    ("hns", "Hounslow", 288200),
    ("isl", "Islington", 216600),
    ("rbkc", "Kensington and Chelsea", 143400),
    ("kng", "Kingston upon Thames", 168000),
    ("lam", "Lambeth", 317600),
    ("lew", "Lewisham", 300600),
    ("mer", "Merton", 215200),
    ("new", "Newham", 351100),
    ("red", "Redbridge", 310300),
    ("ric", "Richmond upon Thames", 195200),
    ("sth", "Southwark", 307700),
    ("sut", "Sutton", 209600),
    ("tow", "Tower Hamlets", 310300),
    ("wf", "Waltham Forest", 278400),
    ("wnd", "Wandsworth", 327500),
    ("wcc", "Westminster", 204300),
]

# Services: id, name, spend per resident per year in pounds (a rough
# order of magnitude for a London borough), usually outsourced or not.
SERVICES = [
    ("education", "Education Services", 95, False),
    ("lac", "Looked After Children", 110, False),
    ("child-protection", "Statutory Child Protection", 70, False),
    ("early-intervention", "Early Intervention", 40, False),
    ("out-of-school", "Out of School Provision", 12, False),
    ("youth", "Youth Services", 14, False),
    ("youth-offending", "Youth Offending", 9, False),
    ("adoption", "Adoption", 6, False),
    ("fostering", "Fostering", 18, False),
    ("sen-transport", "Special Educational Needs Transport", 16, True),
    ("asc-commissioning", "Adult Social Care Commissioning", 160, True),
    ("learning-disabilities", "Learning Disabilities", 85, True),
    ("mental-health", "Mental Health", 45, True),
    ("occupational-therapy", "Occupational Therapy", 8, False),
    ("public-health", "Public Health", 60, True),
    ("libraries", "Libraries", 16, False),
    ("archives", "Archives and Local Studies", 2, False),
    ("arts", "Arts and Culture", 5, False),
    ("leisure", "Leisure Centres", 12, True),
    ("parks", "Parks and Open Spaces", 20, True),
    ("cemeteries", "Cemeteries and Crematoria", 3, False),
    ("waste", "Waste Collection", 38, True),
    ("recycling", "Recycling", 22, True),
    ("cleansing", "Street Cleansing", 26, True),
    ("highways", "Highways Maintenance", 30, True),
    ("street-lighting", "Street Lighting", 8, True),
    ("parking", "Parking Enforcement", 18, True),
    ("fleet", "Fleet Management", 5, False),
    ("planning", "Planning", 15, False),
    ("building-control", "Building Control", 4, False),
    ("env-health", "Environmental Health", 9, False),
    ("trading-standards", "Trading Standards", 3, False),
    ("licensing", "Licensing", 3, False),
    ("pest-control", "Pest Control", 1, True),
    ("noise", "Noise Nuisance", 2, False),
    ("emergency-planning", "Emergency Planning", 2, False),
    ("housing-options", "Housing Options", 20, False),
    ("homelessness", "Homelessness", 55, False),
    ("private-housing", "Private Sector Housing", 6, False),
    ("registrars", "Registrars", 3, False),
    ("coroners", "Coroners", 2, False),
    ("electoral", "Electoral Services", 3, False),
    ("customer-services", "Customer Services", 14, False),
    ("contact-centre", "Contact Centre", 10, True),
    ("revenues", "Revenues", 12, False),
    ("benefits", "Benefits", 16, False),
    ("fraud", "Fraud Investigation", 3, False),
    ("finance", "Finance", 24, False),
    ("audit", "Internal Audit", 3, False),
    ("procurement", "Procurement", 6, False),
    ("legal", "Legal Services", 14, False),
    ("hr", "Human Resources", 11, False),
    ("payroll", "Payroll", 4, True),
    ("pensions", "Pensions Administration", 3, True),
    ("insurance", "Insurance", 4, True),
    ("ict", "ICT", 30, True),
    ("facilities", "Facilities Management", 18, True),
    ("print-post", "Print and Post", 3, True),
    ("communications", "Communications", 4, False),
    ("translation", "Translation and Interpreting", 1, True),
]

# Real groupings of London boroughs, used for the alliance options.
GROUPS = [
    ("tri-borough", "Tri-borough", ["wcc", "hf", "rbkc"]),
    ("wla", "West London Alliance", ["bar", "bre", "eal", "hrw", "hil", "hns", "hf"]),
    ("slp", "South London Partnership", ["cro", "kng", "mer", "ric", "sut"]),
    ("els", "East London Solutions", ["bdg", "hav", "new", "red", "tow", "wf"]),
    ("nlwa", "North London boroughs", ["bar", "cam", "enf", "hck", "hgy", "isl", "wf"]),
    ("sel", "South East London", ["bex", "bro", "gre", "lam", "lew", "sth"]),
    ("central", "Central London Forward", ["cam", "col", "hck", "isl", "rbkc", "lam", "sth", "tow", "wcc", "wnd"]),
]

PAIRS = [
    ("wcc", "hf"), ("cam", "isl"), ("ric", "wnd"), ("kng", "sut"), ("bre", "eal"),
    ("lam", "sth"), ("hck", "col"), ("hav", "bdg"),
]

POST_TITLES = [
    "Head of service", "Service manager", "Team manager", "Business support officer",
    "Commissioning officer", "Performance analyst", "Finance business partner",
    "Contracts manager", "Project officer", "Assistant director",
]


RISKS = [
    ("Financial", "Savings are not realised in the planned year",
     "Monthly tracking of savings against the business case by the programme board"),
    ("Financial", "Redundancy and pension strain costs are higher than estimated",
     "Early consultation and redeployment within the partner boroughs"),
    ("Governance", "Partners disagree on the apportionment of costs",
     "An agreed inter-authority agreement with a documented share rule"),
    ("Staffing", "Loss of key staff during the transition",
     "Retention arrangements for critical posts and knowledge transfer"),
    ("Service", "Performance dips while services are merged",
     "Service continuity plans and joint performance reporting"),
    ("Legal", "Procurement rules restrict joint commissioning",
     "Legal advice before contract novation and staggered re-procurement"),
    ("ICT", "Systems cannot be integrated in time",
     "Interim interfaces and a phased migration plan"),
    ("Reputational", "Residents perceive a loss of local accountability",
     "Sovereign member decision-making and clear public communication"),
]


class Rng:
    """A small LCG, so the output does not depend on Python's random."""

    def __init__(self, seed):
        self.state = (seed * 6364136223846793005 + 1442695040888963407) % 2**64

    def next(self):
        self.state = (self.state * 6364136223846793005 + 1442695040888963407) % 2**64
        return self.state >> 33

    def below(self, n):
        return self.next() % n

    def between(self, lo, hi):
        return lo + self.below(hi - lo + 1)

    def choice(self, seq):
        return seq[self.below(len(seq))]

    def sample(self, seq, k):
        pool = list(seq)
        out = []
        for _ in range(min(k, len(pool))):
            out.append(pool.pop(self.below(len(pool))))
        return out


def generate(seed, first_year, years, n_options, n_services):
    rng = Rng(seed)
    last_year = first_year + years - 1
    boroughs = [{"id": b, "name": n, "population": p} for b, n, p in BOROUGHS]
    pop = {b: p for b, _, p in BOROUGHS}
    services = []
    for sid, name, per_head, outsourced in SERVICES[:n_services]:
        baselines = {}
        for bid, _, population in BOROUGHS:
            # +-25% around the London norm, to the nearest £100.
            factor = rng.between(75, 125)
            budget = max(per_head * population * factor // 100 // 100 * 100, 10000)
            # About £48k per FTE on staffing, half the budget; one decimal.
            fte_tenths = max(budget * 10 // 2 // 48000, 5)
            baselines[bid] = {
                "budget": budget,
                "fte": fte_tenths / 10,
                "management_posts": max(fte_tenths // 120, 1),
                "overheads": budget // 10 // 100 * 100,
                "outsourced": outsourced,
            }
        services.append({"id": sid, "name": name, "baselines": baselines})
    service_ids = [s["id"] for s in services]
    outsourced = {sid: o for sid, _, _, o in SERVICES[:n_services]}

    # Option participants: single boroughs, pairs, the real groupings,
    # growing alliances and London-wide, in that order, until n_options.
    plans = []
    for bid in ("wcc", "cro", "bar", "tow"):
        plans.append((f"solo-{bid}", f"{dict((b, n) for b, n, _ in BOROUGHS)[bid]} alone",
                      [(bid, first_year)]))
    for a, b in PAIRS:
        names = dict((x, n) for x, n, _ in BOROUGHS)
        plans.append((f"pair-{a}-{b}", f"{names[a]} with {names[b]}",
                      [(a, first_year), (b, first_year)]))
    for gid, gname, members in GROUPS:
        # The first two found the alliance; the others join over the next
        # years, as partnerships in the papers did.
        parts = [(m, first_year + max(0, i - 1) // 2) for i, m in enumerate(members)]
        plans.append((gid, gname, parts))
    all_ids = [b for b, _, _ in BOROUGHS]
    plans.append(("london", "London-wide shared services",
                  [(b, first_year + min(i // 8, years - 1)) for i, b in enumerate(all_ids)]))
    while len(plans) < n_options:
        k = len(plans)
        members = rng.sample(all_ids, rng.between(3, 9))
        plans.append((f"mix-{k}", f"Mixed alliance {k}",
                      [(m, first_year + rng.below(min(3, years))) for m in members]))
    plans = plans[:n_options]

    options = []
    for oid, oname, parts in plans:
        members = [b for b, _ in parts]
        joined = dict(parts)
        scope = rng.sample(service_ids, rng.between(4, min(24, len(service_ids))))
        savings = []
        costs = []
        for sid in scope:
            start = min(first_year + rng.between(1, 2), last_year)
            kind = rng.below(4)
            if kind == 0 and outsourced[sid] and len(members) >= 2:
                savings.append({"service": sid, "method": "rate", "model": "joint_commissioning",
                                "rate": None, "start": start})
            elif kind in (0, 1):
                item = {"service": sid, "method": "rate", "model": "shared_service",
                        "rate": None, "start": start, "phasing": [0.25, 0.6, 1.0]}
                if len(members) == 1:
                    # The default table starts at two partners: a borough
                    # acting alone gets an explicit efficiency rate.
                    item["rate"] = rng.between(5, 15) / 1000
                if rng.below(3) == 0:
                    item["start_month"] = rng.choice([7, 9, 10, 1])
                savings.append(item)
            elif kind == 2:
                posts = []
                for t in rng.sample(POST_TITLES, rng.between(1, 4)):
                    posts.append({"title": t, "fte": rng.between(1, 6) / 2,
                                  "cost": rng.between(38, 95) * 1000})
                item = {"service": sid, "method": "posts", "start": start, "posts": posts}
                if len(members) > 1:
                    item["share"] = rng.choice(["equal", "baseline", "population"])
                savings.append(item)
            else:
                owner = rng.choice(members)
                first = max(joined[owner] + 1, first_year + 1)
                if first > last_year:
                    first = last_year
                amounts = {}
                level = rng.between(20, 400) * 500
                for y in range(first, last_year + 1):
                    amounts[str(y)] = level
                savings.append({"service": sid, "method": "amounts", "borough": owner,
                                "amounts": amounts})
        # Costs: redundancy in each founder, project management over the
        # first years shared by savings, ICT investment by population, and
        # for larger partnerships an "other" cost on agreed shares.
        for b in members[:2]:
            costs.append({"kind": "redundancy", "posts": rng.between(1, 12),
                          "unit_cost": rng.between(25, 60) * 1000,
                          "year": joined[b], "borough": b})
        costs.append({"kind": "pension_strain", "amount": rng.between(10, 200) * 1000,
                      "year": min(first_year + 1, last_year), "borough": members[0]})
        pm_years = range(first_year, min(first_year + 3, last_year + 1))
        costs.append({"kind": "project_management",
                      "amounts": {str(y): rng.between(40, 250) * 1000 for y in pm_years},
                      "share": "savings"})
        if len(members) > 1:
            costs.append({"kind": "ict_investment", "amount": rng.between(100, 2000) * 1000,
                          "year": first_year, "share": "population"})
        if len(members) > 2:
            founders = [b for b, y in parts if y == first_year]
            shares = {b: (2 if i == 0 else 1) for i, b in enumerate(founders)}
            costs.append({"kind": "other", "amount": rng.between(20, 300) * 1000,
                          "year": first_year, "share": shares})
        levels = ["low", "some", "high"]
        feasibility = []
        for sid in sorted(scope):
            feasibility.append({"service": sid, "ratings": {
                c: rng.choice(levels) for c in ("existing_arrangements", "market_maturity",
                                                "delivery_capability", "legal_complexity")}})
        risks = []
        for risk_class, issue, mitigation in rng.sample(RISKS, rng.between(2, 5)):
            risks.append({"class": risk_class, "issue": issue, "mitigation": mitigation,
                          "likelihood": rng.choice(["low", "medium", "high"]),
                          "impact": rng.choice(["low", "medium", "high"])})
        options.append({
            "id": oid,
            "name": oname,
            "participants": [{"borough": b, "from": y} for b, y in parts],
            "savings": savings,
            "costs": costs,
            "feasibility": feasibility,
            "risks": risks,
        })

    return {
        "format": "consort-appraisal",
        "version": 1,
        "title": "London-wide shared services (generated)",
        "description": ("A generated appraisal for benchmarks: the 33 London local authorities, "
                        f"{n_services} services and {n_options} options over {years} years. "
                        "Populations are the 2021 census; all other figures are made up."),
        "first_year": first_year,
        "years": years,
        "discount_rate": 0.035,
        "default_rates": [
            {"model": "shared_service", "min_partners": 2, "rate": 0.03},
            {"model": "shared_service", "min_partners": 3, "rate": 0.04},
            {"model": "joint_commissioning", "min_partners": 2, "rate": 0.02},
        ],
        "boroughs": boroughs,
        "services": services,
        "options": options,
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--first-year", type=int, default=2026)
    ap.add_argument("--years", type=int, default=10)
    ap.add_argument("--options", type=int, default=20)
    ap.add_argument("--services", type=int, default=60)
    ap.add_argument("-o", "--output", help="file to write (default: standard output)")
    args = ap.parse_args()
    if not 1 <= args.services <= len(SERVICES):
        ap.error(f"--services must be 1 to {len(SERVICES)}")
    if args.years < 1 or args.options < 1:
        ap.error("--years and --options must be at least 1")
    doc = generate(args.seed, args.first_year, args.years, args.options, args.services)
    text = json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
    if args.output:
        with open(args.output, "w", encoding="utf-8") as f:
            f.write(text)
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main()
