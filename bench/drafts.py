"""Realistic generated drafts for the benchmarks: thank-you and follow-up notes of 150-250 words.

Each draft is composed from sentence banks (an opening, two points from the conversation, two
sentences of experience, interest, a question or offer, next steps, a close), with its own
interviewer, company, role, weekday, topics, skills, former employers and figures, so sentences
differ from draft to draft and no two drafts are alike; a third carry one common misspelling.

``templated=True`` (bench/scale.py) makes the set look like a real drafts repository that grows by
reuse: one draft in five is a copy of one of a few fixed templates with only the names, company,
role and day swapped (a duplicate the duplicate-message check must find), and the rest share the
banks' sentence frames, so many drafts land in the same MinHash buckets.
"""

from __future__ import annotations

import random
from pathlib import Path

FIRST = ["Dana", "Raj", "Mia", "Tomasz", "Ines", "Kofi", "Lena", "Arjun", "Sofia", "Mateo", "Grace", "Yusuf",
         "Hana", "Oliver", "Amara", "Lucas", "Nadia", "Ethan", "Zara", "Felix", "Leila", "Owen", "Chloe", "Ivan",
         "Maya", "Samuel", "Aisha", "Daniel", "Elena", "Marcus", "Priya", "Jonas", "Wen", "Farah", "Diego"]
LAST = ["Okafor", "Patel", "Chen", "Nowak", "Duarte", "Mensah", "Berg", "Sharma", "Rossi", "Alvarez", "Kim",
        "Haddad", "Sato", "Walsh", "Eze", "Lindqvist", "Novak", "Brennan", "Qureshi", "Fischer", "Moreau", "Ito",
        "Kowalski", "Reyes", "Adeyemi", "Larsen", "Costa", "Murphy", "Yilmaz", "Ward", "Hughes", "Tanaka"]
COMPANIES = ["Corvid Labs", "Brightline", "Halcyon Bank", "Northwind Traders", "Acme Freight", "Tessel",
             "Lumen Health", "Harbor Analytics", "Quillion", "Redwood Energy", "Meridian Foods", "Kestrel Systems",
             "Bluefin Media", "Orchard Robotics", "Pinecrest Insurance", "Solace Health", "Vantage Retail",
             "Ironbridge Capital", "Cobalt Logistics", "Fenwick Supply", "Granite Cloud", "Juniper Schools"]
ROLES = ["Data Analyst", "Support Engineer", "Product Designer", "Operations Manager", "Account Executive",
         "Backend Developer", "Marketing Coordinator", "Financial Analyst", "Project Manager", "QA Engineer",
         "Customer Success Lead", "Research Scientist", "Payroll Specialist", "Warehouse Supervisor"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
TOPICS = ["the quarterly retention dashboard", "the warehouse scanner rollout", "the move to a new billing system",
          "the onboarding survey results", "the pricing page redesign", "the backlog of support tickets",
          "the month-end close", "the new returns process", "the migration to the cloud data warehouse",
          "the customer advisory board", "the mobile app release schedule", "the vendor consolidation project",
          "the hiring plan for next year", "the accessibility audit", "the on-call rotation",
          "the shift scheduling tool", "the regional expansion", "the churn analysis", "the training programme",
          "the inventory forecasting model", "the partner integration", "the incident review process",
          "the product roadmap for the spring", "the cost reduction targets", "the new office in Leeds",
          "the self-service help centre", "the quality checks on incoming orders", "the loyalty programme"]
SKILLS = ["SQL reporting", "stakeholder interviews", "process mapping", "A/B testing", "ticket triage",
          "budget planning", "vendor negotiation", "Python scripting", "user research", "team scheduling",
          "contract review", "data cleaning", "release planning", "training new staff", "root cause analysis",
          "dashboard design", "inventory control", "customer onboarding", "usability testing", "forecasting"]
RESULTS = ["cut the reporting time from two days to four hours", "reduced open tickets by a third",
           "saved the team about {n} hours a month", "raised the response rate to {n} percent",
           "brought the error rate under two percent", "shortened onboarding from three weeks to ten days",
           "kept the project within budget for {n} months", "grew repeat orders by {n} percent",
           "halved the time it took to close the books", "cut shipping mistakes by {n} percent"]

OPENINGS = [
    "Thank you for meeting with me on {day} about the {role} role at {company}.",
    "Thank you for taking the time to talk with me on {day} about the {role} position.",
    "I wanted to thank you for the conversation on {day} about the {role} opening at {company}.",
    "Thank you so much for the interview on {day}; I enjoyed learning about the {role} role.",
    "Many thanks for speaking with me on {day} about joining {company} as a {role}.",
    "Thank you for the time you spent with me on {day} discussing the {role} position at {company}.",
]
POINTS = [
    "I enjoyed hearing how your team approached {topic}, and your point about keeping it simple stayed with me.",
    "Our discussion of {topic} was the highlight for me, especially the part about what went wrong at first.",
    "You mentioned that {topic} is the main priority this year, which matches the work I enjoy most.",
    "I keep thinking about your question on {topic} and how you would measure its success.",
    "It was useful to learn how {topic} fits with the goals of the wider team.",
    "Hearing about {topic} made the role much clearer to me, and I liked how candid you were about the trade-offs.",
    "The story you told about {topic} showed me how closely the team works with customers.",
    "I appreciated the detail you shared about {topic} and the deadline you are working towards.",
]
EXPERIENCE = [
    "At {prev} I used {skill} and {result}, and I would bring the same habits to your team.",
    "In my last role at {prev} I led {skill} for a group of {n} people and {result}.",
    "Through {skill} at {prev} I {result}, which seems close to what you need.",
    "I spent {n} years at {prev} working on {skill}, where I {result}.",
    "Over the past year at {prev} I relied on {skill} and {result}.",
    "When I joined {prev}, {skill} was new to the team; within a year we {result}.",
]
INTEREST = [
    "I am very interested in the role and excited about the chance to contribute to {company}.",
    "The conversation made me even more keen to join the team and help with this work.",
    "I would love to bring my experience to {company}, and I am confident it would be a good fit.",
    "Everything I heard makes me more eager to take on this role.",
    "I left the interview even more excited about the opportunity to work with your team.",
]
EXTRAS = [
    "If it helps, I would be glad to share a short write-up of how I approached a similar problem.",
    "I have attached the sample report we talked about, in case it is useful for the next conversation.",
    "Please let me know if there is anything else I can send you, such as references or work samples.",
    "One question I did not get to ask: how does the team decide which projects to start first?",
    "I would also be happy to meet the rest of the team if that would help your decision.",
]
NEXT = [
    "I look forward to hearing about the next steps.",
    "I look forward to hearing from you about the timeline for a decision.",
    "Please let me know if you need anything else from me, and I look forward to hearing from you.",
    "I am happy to answer any further questions and look forward to the next step in the process.",
]
CLOSE = ["Best regards,", "Kind regards,", "Sincerely,", "Many thanks,", "Best wishes,", "Warm regards,"]
TYPOS = {"receive": "recieve", "definitely": "definately", "opportunity": "oppurtunity", "really": "realy",
         "which": "wich", "their": "thier", "believe": "beleive", "until": "untill", "experience": "experiance",
         "interested": "intrested", "especially": "especialy", "team": "tema", "about": "abuot",
         "would": "woudl", "because": "becuase", "with": "wiht"}

#: the few fixed templates that templated repositories copy (one draft in five)
TEMPLATES = [
    ("Dear {first},\n\nThank you so much for taking the time to meet with me today about the {role} position at "
     "{company}. I truly enjoyed our conversation and learning more about the team, its goals and the way you "
     "plan the work for the coming year.\n\nI am very excited about the opportunity to contribute to {company}. "
     "My background in customer support and troubleshooting would allow me to make a strong contribution from the "
     "first week, and I am confident that my experience with busy teams and tight deadlines would help me settle "
     "in quickly. I enjoy learning new tools, I take ownership of the problems I am given, and I try to leave "
     "every process a little better than I found it.\n\nI was glad to hear that the team values clear "
     "communication and careful documentation, because those are the habits I have worked hardest on in my "
     "current job. I would be happy to share examples of my work or references if that would be useful.\n\n"
     "Thank you again for your time and consideration. I look forward to hearing from you about the next steps "
     "in the hiring process.\n\n{close}\n{me}\n"),
    ("Hi {first},\n\nI hope you are well. I wanted to follow up on my interview on {day} for the {role} role at "
     "{company}. I remain very interested in the position and in the chance to work with your team, and I "
     "wanted to check whether there is any update on the timeline for a decision.\n\nSince we spoke, I have "
     "thought more about the challenges you described, and I am even more convinced that my experience would be "
     "a good match. In my current role I handle a steady stream of requests from several departments, keep "
     "careful records of every change, and make sure that nothing falls through the cracks when priorities "
     "shift during the week.\n\nPlease let me know if there is anything else you need from me, such as "
     "references, a work sample or my availability for another conversation. I would be glad to help in any "
     "way I can, and I understand that these decisions take time.\n\nThank you again for considering my "
     "application. I look forward to hearing from you.\n\n{close}\n{me}\n"),
    ("Dear {first},\n\nThank you for the opportunity to interview for the {role} position at {company} on {day}. "
     "It was a pleasure to meet you and to learn more about the responsibilities of the role and the culture of "
     "the team.\n\nOur conversation confirmed my enthusiasm for the position. I believe my skills in planning, "
     "organisation and communication would allow me to contribute to the success of your department, and I am "
     "eager to apply what I have learned in my previous roles to the challenges we discussed. I am a quick "
     "learner, I work well both independently and as part of a group, and I am comfortable with change.\n\n"
     "I also appreciated the time you took to answer my questions about training and about how success in the "
     "role is measured during the first few months. It gave me a clear picture of what the job involves day to "
     "day.\n\nPlease do not hesitate to contact me if you need any additional information. Thank you once again "
     "for your time and consideration, and I look forward to hearing from you soon.\n\n{close}\n{me}\n"),
]


def _fill(rng: random.Random, text: str, slots: dict) -> str:
    return text.format(**slots, n=rng.choice([2, 3, 4, 5, 6, 8, 12, 15, 20, 25, 30, 40]))


def _composed(rng: random.Random, slots: dict) -> str:
    topics = rng.sample(TOPICS, 2)
    sentences = [
        [_fill(rng, rng.choice(OPENINGS), slots)],
        [_fill(rng, p, {**slots, "topic": t}) for p, t in zip(rng.sample(POINTS, 2), topics)],
        [_fill(rng, e, {**slots, "skill": s, "prev": c, "result": _fill(rng, r, slots)})
         for e, s, c, r in zip(rng.sample(EXPERIENCE, 2), rng.sample(SKILLS, 2),
                               rng.sample([c for c in COMPANIES if c != slots["company"]], 2),
                               rng.sample(RESULTS, 2))],
        [_fill(rng, rng.choice(INTEREST), slots), _fill(rng, rng.choice(EXTRAS), slots)],
        [_fill(rng, rng.choice(NEXT), slots)],
    ]
    body = "\n\n".join(" ".join(p) for p in sentences)
    # pad to a realistic length (150-250 words) with one more point or offer when short
    while len(body.split()) < 150:
        extra = rng.choice([rng.choice(POINTS).replace("{topic}", rng.choice([t for t in TOPICS if t not in topics])),
                            rng.choice(EXTRAS)])
        if extra.split()[:3] == body.split()[:3] or extra[:20] in body:
            continue
        body = body.replace("\n\n", f" {_fill(rng, extra, slots)}\n\n", 1)
    greeting = rng.choice(["Dear {first},", "Hi {first},", "Hello {first},", "Dear {title} {last},"])
    return f"{greeting.format(**slots)}\n\n{body}\n\n{slots['close']}\n{slots['me']}\n"


def _typo(rng: random.Random, text: str) -> str:
    candidates = [w for w in TYPOS if f" {w} " in text]
    if not candidates:
        return text
    word = rng.choice(candidates)
    return text.replace(f" {word} ", f" {TYPOS[word]} ", 1)


def generate(out: Path, n: int, seed: int = 5, templated: bool = False) -> list[Path]:
    """Write ``n`` drafts under ``out`` (250 to a folder) and return their paths, in order."""
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        slots = {"first": first, "last": last, "title": rng.choice(["Ms.", "Mr.", "Dr."]),
                 "company": rng.choice(COMPANIES), "role": rng.choice(ROLES), "day": rng.choice(WEEKDAYS),
                 "close": rng.choice(CLOSE), "me": f"{rng.choice(FIRST)} {rng.choice(LAST)}"}
        if templated and i % 5 == 4:
            text = rng.choice(TEMPLATES).format(**slots)
        else:
            text = _composed(rng, slots)
        if i % 3 == 0:
            text = _typo(rng, text)
        if i % 2 == 0:  # half carry their context in front matter, like a drafts repository
            text = (f"---\ninterviewers: {first} {last}\ncompany: {slots['company']}\nrole: {slots['role']}\n---\n\n"
                    + text)
            suffix = ".md"
        else:
            suffix = ".txt"
        folder = out / f"batch{i // 250:03d}"
        folder.mkdir(exist_ok=True)
        path = folder / f"{i:05d}-note{suffix}"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


if __name__ == "__main__":
    import sys

    target = Path(sys.argv[1])
    made = generate(target, int(sys.argv[2]) if len(sys.argv) > 2 else 10, templated="--templated" in sys.argv)
    words = sorted(len(p.read_text().split()) for p in made)
    print(f"{len(made)} drafts in {target}; words min {words[0]}, median {words[len(words) // 2]}, max {words[-1]}")
