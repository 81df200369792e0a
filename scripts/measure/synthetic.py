"""Synthetic catalogs for the benchmark: N valid listings, the same bytes for the same seed.

Listings read like real ones and are sized like real ones (2 to 2.6 KB); they use every enum
and optional field of the contract, and prerequisites only point to earlier listings, so
they never form a cycle. `PYTHONPATH=scripts python -m measure.synthetic --count N --out DIR [--seed S]`.
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from random import Random
from typing import Any

from credcat.check.load import parse
from credcat.resources import TAXONOMY_DIR

LISTING_BYTES = (2000, 2600)
LISTINGS_PER_PROVIDER = 20
LISTINGS_PER_PATHWAY = 100
MIN_PATHWAYS = 3
MODELINE = "# yaml-language-server: $schema=../../../../schema/{kind}.schema.json"
PROVIDER_MODELINE = "# yaml-language-server: $schema=../../../schema/provider.schema.json"
LOGO_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">'
    '<rect width="64" height="64" rx="12" fill="#{color}"/></svg>\n'
)


@dataclass(frozen=True)
class Domain:
    """A field of study: the words listings in it use, and where it sits in the taxonomy."""

    topics: tuple[str, ...]
    subjects: tuple[str, ...]
    industries: tuple[str, ...]
    outcomes: tuple[str, ...]
    skills: tuple[str, ...]
    occupations: tuple[tuple[str, str, str], ...]
    keywords: tuple[str, ...]


DOMAINS: tuple[Domain, ...] = (
    Domain(
        ("Data Analysis", "Business Analytics", "Data Visualisation", "SQL for Analysts"),
        ("statistics", "software-and-applications-development-and-analysis", "database-and-network-design-and-administration"),
        ("information", "professional-scientific-and-technical-services", "finance-and-insurance"),
        ("SQL queries that join, filter and aggregate business data", "dashboards that explain a trend to non-specialists",
         "data cleaning steps for missing and inconsistent values", "summary statistics that answer a stated question",
         "a reproducible analysis notebook", "charts that follow accessibility guidance"),
        ("SQL", "data cleansing", "data visualisation", "Python (computer programming)"),
        (("Data analyst", "2511", "15-2051.00"), ("Business intelligence analyst", "2511", "15-2051.01")),
        ("sql", "analytics", "dashboards", "python", "data"),
    ),
    Domain(
        ("Cloud Security", "Network Defence", "Incident Response", "Secure Software Development"),
        ("database-and-network-design-and-administration", "software-and-applications-development-and-analysis"),
        ("information", "professional-scientific-and-technical-services", "public-administration"),
        ("a threat model for a small web application", "network traffic for signs of intrusion",
         "an incident response playbook", "identity and access policies in a cloud account",
         "security controls against a recognised framework", "secure code review findings"),
        ("threat modelling", "incident response", "cloud security", "penetration testing"),
        (("Security analyst", "2529", "15-1212.00"), ("Network administrator", "2522", "15-1244.00")),
        ("security", "cloud", "networks", "compliance", "soc"),
    ),
    Domain(
        ("Web Development", "Front-End Engineering", "API Design", "Software Testing"),
        ("software-and-applications-development-and-analysis", "computer-use"),
        ("information", "professional-scientific-and-technical-services"),
        ("a responsive web page with semantic HTML and CSS", "automated tests for a REST API",
         "version control workflows with branches and reviews", "an accessible form with client-side validation",
         "a small service deployed behind a reverse proxy", "performance budgets for a web page"),
        ("JavaScript", "HTML", "software testing", "Git"),
        (("Web developer", "2513", "15-1254.00"), ("Software tester", "2519", "15-1253.00")),
        ("web", "javascript", "testing", "api", "git"),
    ),
    Domain(
        ("Project Management", "Agile Delivery", "Risk Management", "Programme Governance"),
        ("management-and-administration", "work-skills"),
        ("professional-scientific-and-technical-services", "management-of-companies-and-enterprises", "construction"),
        ("a project plan with milestones, budget and dependencies", "risks and their owners in a risk register",
         "a sprint review with stakeholders", "change requests against an agreed baseline",
         "status reports for a steering group", "lessons learned at the close of a project"),
        ("project management", "agile project management", "risk management", "stakeholder management"),
        (("Project manager", "1219", "11-9199.02"), ("Scrum master", "2421", "15-1299.09")),
        ("projects", "agile", "scrum", "risk", "planning"),
    ),
    Domain(
        ("Solar PV Installation", "Battery Storage Systems", "Energy Management", "Heat Pump Commissioning"),
        ("electricity-and-energy", "environmental-protection-technology"),
        ("utilities", "construction"),
        ("a rooftop photovoltaic array to the manufacturer's instructions", "an energy audit of a small building",
         "battery storage safety checks before handover", "commissioning records for a heat pump",
         "electrical isolation procedures on site", "yield estimates for a solar installation"),
        ("solar panel installation", "energy efficiency", "electrical safety", "heat pump installation"),
        (("Solar photovoltaic installer", "7411", "47-2231.00"), ("Energy assessor", "3119", "13-1199.01")),
        ("solar", "energy", "renewables", "batteries", "installation"),
    ),
    Domain(
        ("Welding Practice", "CNC Machining", "Industrial Maintenance", "Quality Inspection"),
        ("mechanics-and-metal-trades", "manufacturing-and-processing", "electronics-and-automation"),
        ("manufacturing",),
        ("fillet and butt welds to a stated standard", "a CNC program for a simple part",
         "preventive maintenance on a production line", "measurements with callipers and micrometers",
         "non-conformance reports with root causes", "lockout and tagout before maintenance"),
        ("welding", "CNC programming", "quality inspection", "preventive maintenance"),
        (("Welder", "7212", "51-4121.00"), ("Machinist", "7223", "51-4041.00")),
        ("welding", "machining", "maintenance", "quality", "manufacturing"),
    ),
    Domain(
        ("Aged Care Support", "Disability Support", "First Aid", "Mental Health First Aid"),
        ("care-of-the-elderly-and-of-disabled-adults", "nursing-and-midwifery", "social-work-and-counselling"),
        ("health-care-and-social-assistance",),
        ("person-centred care plans with clients and families", "first aid for common injuries",
         "safe manual handling and transfers", "signs of deterioration and when to escalate",
         "records that respect privacy and consent", "conversations about mental health at work"),
        ("first aid", "person-centred care", "manual handling", "infection control"),
        (("Personal care worker", "5322", "31-1122.00"), ("Support worker", "5322", "21-1093.00")),
        ("care", "first aid", "health", "support", "wellbeing"),
    ),
    Domain(
        ("Clinical Data Governance", "Health Informatics", "Patient Safety", "Infection Prevention"),
        ("health", "medical-diagnostic-and-treatment-technology", "database-and-network-design-and-administration"),
        ("health-care-and-social-assistance", "public-administration"),
        ("data protection impact assessments for clinical systems", "incident reports that support learning",
         "hand hygiene audits on a ward", "interoperability standards for health records",
         "a clinical audit against a guideline", "consent records for secondary data use"),
        ("health informatics", "patient safety", "clinical audit", "data protection"),
        (("Health information manager", "1342", "11-9111.00"), ("Clinical coder", "3252", "29-2072.00")),
        ("health", "informatics", "governance", "patients", "audit"),
    ),
    Domain(
        ("Bookkeeping", "Management Accounting", "Payroll Administration", "Tax Compliance"),
        ("accounting-and-taxation", "finance-banking-and-insurance"),
        ("finance-and-insurance", "professional-scientific-and-technical-services"),
        ("double-entry bookkeeping for a small business", "a monthly payroll run with deductions",
         "management accounts and a cash-flow forecast", "VAT returns from source records",
         "reconciliations between ledgers and bank statements", "budget variance reports"),
        ("bookkeeping", "payroll", "financial reporting", "spreadsheets"),
        (("Bookkeeper", "4311", "43-3031.00"), ("Payroll clerk", "4313", "43-3051.00")),
        ("accounting", "payroll", "tax", "finance", "spreadsheets"),
    ),
    Domain(
        ("Sustainable Finance", "Risk and Compliance", "Anti-Money Laundering", "Insurance Underwriting"),
        ("finance-banking-and-insurance", "law-0421", "economics"),
        ("finance-and-insurance",),
        ("climate risks in a loan portfolio", "customer due diligence checks",
         "suspicious activity reports", "an underwriting decision with its rationale",
         "disclosures against a sustainability reporting standard", "controls testing for a compliance programme"),
        ("risk assessment", "regulatory compliance", "ESG reporting", "underwriting"),
        (("Compliance officer", "2422", "13-1041.00"), ("Underwriter", "3321", "13-2053.00")),
        ("finance", "compliance", "esg", "risk", "banking"),
    ),
    Domain(
        ("Digital Marketing", "Social Media Strategy", "Search Engine Optimisation", "Content Design"),
        ("marketing-and-advertising", "audio-visual-techniques-and-media-production"),
        ("information", "retail-trade", "professional-scientific-and-technical-services"),
        ("a campaign plan with audiences, channels and budgets", "search performance reports",
         "content that follows a style guide", "A/B tests with a clear hypothesis",
         "social media calendars for a small business", "email campaigns that respect consent rules"),
        ("digital marketing", "search engine optimisation", "copywriting", "web analytics"),
        (("Marketing specialist", "2431", "13-1161.00"), ("Content designer", "2641", "27-3043.00")),
        ("marketing", "seo", "social media", "content", "campaigns"),
    ),
    Domain(
        ("Logistics Operations", "Warehouse Safety", "Supply Chain Planning", "Forklift Operation"),
        ("transport-services-1041", "occupational-health-and-safety", "management-and-administration"),
        ("transportation-and-warehousing", "wholesale-trade", "retail-trade"),
        ("a forklift safely in a busy warehouse", "stock counts and cycle counting",
         "a delivery schedule that meets service levels", "a warehouse layout for safe pedestrian routes",
         "demand forecasts for replenishment", "dangerous goods paperwork"),
        ("forklift operation", "inventory management", "supply chain planning", "workplace safety"),
        (("Warehouse operative", "9333", "53-7062.00"), ("Logistics coordinator", "4323", "43-5011.00")),
        ("logistics", "warehouse", "forklift", "supply chain", "safety"),
    ),
    Domain(
        ("Commercial Driving", "Fleet Safety", "Transport Compliance", "Dangerous Goods Transport"),
        ("transport-services-1041", "motor-vehicles-ships-and-aircraft"),
        ("transportation-and-warehousing",),
        ("pre-trip inspections of a heavy vehicle", "driving hours within legal limits",
         "load securing for different cargo types", "defensive driving in poor conditions",
         "tachograph records", "dangerous goods placarding"),
        ("vehicle inspection", "defensive driving", "load securing", "transport regulations"),
        (("Heavy truck driver", "8332", "53-3032.00"), ("Fleet manager", "1324", "11-3071.04")),
        ("driving", "transport", "fleet", "compliance", "safety"),
    ),
    Domain(
        ("Construction Site Safety", "Building Information Modelling", "Energy-Efficient Renovation", "Site Supervision"),
        ("building-and-civil-engineering", "architecture-and-construction", "occupational-health-and-safety"),
        ("construction", "real-estate-and-rental-and-leasing"),
        ("a site induction and daily safety briefing", "a coordinated building information model",
         "insulation and airtightness measures for an existing building", "method statements and risk assessments",
         "work at height controls", "a snagging list at handover"),
        ("construction safety", "building information modelling", "site supervision", "energy-efficient renovation"),
        (("Site supervisor", "3123", "47-1011.00"), ("BIM technician", "3112", "17-3011.00")),
        ("construction", "bim", "safety", "renovation", "buildings"),
    ),
    Domain(
        ("Food Safety", "Professional Cookery", "Pastry Fundamentals", "Hospitality Service"),
        ("hotel-restaurants-and-catering", "food-processing"),
        ("accommodation-and-food-services",),
        ("a HACCP plan for a small kitchen", "classic pastry doughs and creams",
         "allergen information for customers", "service that handles complaints calmly",
         "stock rotation and temperature logs", "a seasonal menu with costed dishes"),
        ("food safety", "pastry making", "customer service", "menu planning"),
        (("Cook", "5120", "35-2014.00"), ("Pastry chef", "7512", "51-3011.00")),
        ("food", "cookery", "hospitality", "haccp", "pastry"),
    ),
    Domain(
        ("Early Childhood Education", "Teaching Adults Online", "Instructional Design", "Assessment Practice"),
        ("education-science", "training-for-pre-school-teachers", "teacher-training-without-subject-specialization"),
        ("educational-services",),
        ("a learning activity with clear outcomes", "feedback that helps learners improve",
         "an accessible online course unit", "play-based learning for young children",
         "assessment rubrics aligned to outcomes", "safeguarding procedures"),
        ("instructional design", "online teaching", "assessment design", "safeguarding"),
        (("Early childhood educator", "2342", "25-2011.00"), ("Instructional designer", "2356", "25-9031.00")),
        ("teaching", "education", "e-learning", "assessment", "childcare"),
    ),
    Domain(
        ("Professional French", "Business English", "Spanish for Work", "Academic Writing"),
        ("language-acquisition", "literature-and-linguistics"),
        ("educational-services", "professional-scientific-and-technical-services"),
        ("emails and reports in a professional register", "meetings and negotiations with confidence",
         "a short presentation to colleagues", "written summaries of spoken discussions",
         "an academic argument supported by sources", "telephone calls with customers"),
        ("business communication", "academic writing", "presentation skills", "intercultural communication"),
        (("Translator", "2643", "27-3091.00"), ("Customer service representative", "4222", "43-4051.00")),
        ("languages", "writing", "communication", "english", "french"),
    ),
    Domain(
        ("Sustainable Agriculture", "Precision Farming", "Horticulture Practice", "Animal Welfare"),
        ("crop-and-livestock-production", "horticulture", "environmental-sciences"),
        ("agriculture-forestry-fishing-and-hunting",),
        ("a soil management plan for a mixed farm", "yield maps from sensor data",
         "integrated pest management", "animal welfare assessments",
         "water use on an irrigated field", "records for an organic certification audit"),
        ("soil management", "precision agriculture", "pest management", "animal welfare"),
        (("Farm manager", "1311", "11-9013.00"), ("Horticulturist", "6113", "37-3011.00")),
        ("farming", "agriculture", "soil", "horticulture", "livestock"),
    ),
    Domain(
        ("Environmental Monitoring", "Climate Adaptation Planning", "Waste Management", "Water Quality"),
        ("environmental-sciences", "environmental-protection-technology", "natural-environments-and-wildlife"),
        ("administrative-and-support-and-waste-management-and-remediation", "public-administration", "utilities"),
        ("water samples with a documented chain of custody", "a climate risk assessment for a town",
         "waste streams and options to reduce them", "field data with quality checks",
         "an environmental permit application", "biodiversity surveys along a transect"),
        ("environmental monitoring", "climate adaptation", "waste management", "field sampling"),
        (("Environmental technician", "3141", "19-4042.00"), ("Waste manager", "1349", "11-9199.00")),
        ("environment", "climate", "water", "waste", "sustainability"),
    ),
    Domain(
        ("Machine Learning", "Statistics for Research", "Statistical Modelling", "Artificial Intelligence Ethics"),
        ("statistics", "mathematics", "software-and-applications-development-and-analysis"),
        ("information", "professional-scientific-and-technical-services", "educational-services"),
        ("regression models with honest uncertainty", "a classifier evaluated on held-out data",
         "the ethical risks of an automated decision", "a model card for a trained model",
         "experiments with a clear analysis plan", "results for a non-technical audience"),
        ("machine learning", "statistical modelling", "R (computer programming)", "experimental design"),
        (("Data scientist", "2511", "15-2051.00"), ("Statistician", "2120", "15-2041.00")),
        ("machine learning", "statistics", "ai", "modelling", "ethics"),
    ),
    Domain(
        ("Retail Management", "Visual Merchandising", "Customer Experience", "E-commerce Operations"),
        ("wholesale-and-retail-sales", "marketing-and-advertising", "management-and-administration"),
        ("retail-trade", "wholesale-trade"),
        ("a store layout that guides customers", "staff rotas that match footfall",
         "online orders from checkout to delivery", "customer feedback into service changes",
         "shrinkage and its causes", "seasonal displays on a budget"),
        ("retail management", "visual merchandising", "customer experience", "e-commerce"),
        (("Shop manager", "1420", "41-1011.00"), ("Visual merchandiser", "3432", "27-1026.00")),
        ("retail", "customers", "e-commerce", "merchandising", "stores"),
    ),
    Domain(
        ("Public Procurement", "Policy Analysis", "Local Government Finance", "Digital Public Services"),
        ("political-sciences-and-civics", "management-and-administration", "law-0421"),
        ("public-administration",),
        ("a procurement plan that follows public rules", "policy options with their costs and benefits",
         "a service designed with its users", "a council budget consultation",
         "tender evaluations that can be audited", "freedom of information requests"),
        ("public procurement", "policy analysis", "service design", "public finance"),
        (("Policy officer", "2422", "13-1199.00"), ("Procurement officer", "3323", "13-1023.00")),
        ("government", "policy", "procurement", "public sector", "services"),
    ),
    Domain(
        ("Event Production", "Music Technology", "Photography for Business", "Video Editing"),
        ("audio-visual-techniques-and-media-production", "music-and-performing-arts", "fine-arts"),
        ("arts-entertainment-and-recreation", "information"),
        ("a live event run sheet", "a multitrack recording mixed for streaming",
         "product photographs with consistent lighting", "a short edited video with captions",
         "licences and permissions for creative work", "a production budget and schedule"),
        ("video editing", "audio engineering", "photography", "event planning"),
        (("Sound technician", "3521", "27-4014.00"), ("Video editor", "3521", "27-4032.00")),
        ("media", "video", "audio", "events", "photography"),
    ),
    Domain(
        ("Workplace Health and Safety", "Security Operations", "Fire Safety", "Emergency Planning"),
        ("occupational-health-and-safety", "protection-of-persons-and-property"),
        ("administrative-and-support-and-waste-management-and-remediation", "other-services-except-public-administration", "manufacturing"),
        ("a workplace risk assessment", "fire drills and evacuation plans",
         "incident investigations with corrective actions", "access control on a secure site",
         "a business continuity plan", "toolbox talks for a mixed team"),
        ("risk assessment", "fire safety", "emergency planning", "security operations"),
        (("Safety officer", "2263", "19-5011.00"), ("Security guard", "5414", "33-9032.00")),
        ("safety", "security", "fire", "emergencies", "risk"),
    ),
)

QUALIFIERS = (
    "Foundations of {}", "Applied {}", "Advanced {}", "{} Essentials", "Certificate in {}",
    "{} Practitioner", "Introduction to {}", "Professional {}", "{} for Managers", "{} in Practice",
    "{} Skill Set", "{} Specialist",
)
NAME_PARTS = ("", " II", " III", " IV", " V")
COUNTRIES = (
    ("GB", ("en-GB",), "GBP", ("Manchester", "Leeds", "Bristol", "Glasgow", "Cardiff", "Newcastle")),
    ("US", ("en", "es"), "USD", ("Denver", "Columbus", "Portland", "Austin", "Raleigh", "Madison")),
    ("DE", ("de", "en"), "EUR", ("Köln", "Leipzig", "Freiburg", "Bremen", "Nürnberg", "Kassel")),
    ("FR", ("fr",), "EUR", ("Lyon", "Nantes", "Lille", "Rennes", "Grenoble", "Dijon")),
    ("NL", ("nl", "en"), "EUR", ("Utrecht", "Eindhoven", "Groningen", "Arnhem", "Zwolle", "Delft")),
    ("ES", ("es",), "EUR", ("Valencia", "Sevilla", "Bilbao", "Zaragoza", "Málaga", "Murcia")),
    ("IT", ("it",), "EUR", ("Torino", "Bologna", "Verona", "Padova", "Bari", "Genova")),
    ("BR", ("pt-BR",), "BRL", ("Curitiba", "Recife", "Campinas", "Salvador", "Belém", "Goiânia")),
    ("AU", ("en-AU",), "AUD", ("Brisbane", "Adelaide", "Hobart", "Geelong", "Perth", "Darwin")),
    ("CA", ("en-CA", "fr-CA"), "CAD", ("Halifax", "Winnipeg", "Québec", "Calgary", "Victoria", "Ottawa")),
    ("IE", ("en-IE", "ga"), "EUR", ("Galway", "Limerick", "Cork", "Waterford", "Sligo", "Athlone")),
    ("SE", ("sv", "en"), "SEK", ("Uppsala", "Malmö", "Umeå", "Örebro", "Lund", "Luleå")),
    ("PL", ("pl",), "PLN", ("Kraków", "Gdańsk", "Poznań", "Wrocław", "Lublin", "Łódź")),
    ("CH", ("de-CH", "fr-CH"), "CHF", ("Basel", "Bern", "Luzern", "Lausanne", "Winterthur", "Zug")),
    ("NZ", ("en-NZ", "mi"), "NZD", ("Hamilton", "Dunedin", "Nelson", "Tauranga", "Napier", "Rotorua")),
)
PROVIDER_KINDS = (
    ("university", "{} University"), ("university", "University of {}"), ("college", "{} College"),
    ("college", "{} Community College"), ("vocational", "{} Vocational Training Centre"),
    ("vocational", "{} Trade School"), ("professional_body", "{} Institute of Practitioners"),
    ("employer", "{} Works Academy"), ("online_platform", "{} Learning Online"), ("other", "{} Skills Foundation"),
)
STATUSES = (("active", 80), ("upcoming", 8), ("suspended", 4), ("retired", 8))
CREDENTIAL_TYPES = (
    ("micro_credential", 30), ("digital_badge", 15), ("certificate", 20), ("certification", 12),
    ("nano_degree", 5), ("course_certificate", 13), ("license", 5),
)
AUDIENCES = (("beginner", 35), ("intermediate", 35), ("advanced", 15), ("professional", 15))
MODES = (("online", 55), ("in_person", 25), ("blended", 20))
PACINGS = (("self_paced", 45), ("instructor_led", 30), ("cohort", 25))
ASSESSMENTS = (("exam", 25), ("project", 25), ("portfolio", 12), ("performance", 15), ("quiz", 15), ("attendance_only", 8))
SUPERVISIONS = ("unsupervised", "supervised", "supervised_with_id_check")
COST_MODELS = (("free", 15), ("free_learning_paid_certificate", 15), ("paid", 55), ("subscription", 8), ("employer_sponsored", 7))
QUALITY = (("none", 8), ("internal", 35), ("external_review", 20), ("accredited", 25), ("regulated", 12))
ISSUED_AS = ("open_badges_3", "open_badges_2", "european_digital_credential", "pdf_certificate", "paper")
ACCESSIBILITY = ("captions", "transcripts", "screen_reader_tested", "sign_language", "keyboard_only")
LEADS_TO = (("degree", "MSc in {}"), ("diploma", "Diploma in {}"), ("certificate", "Postgraduate Certificate in {}"),
            ("certification", "Chartered {} Practitioner"), ("credential", "{} Professional Award"))
QA_BODIES = ("National Skills Quality Agency", "Higher Education Review Board", "Chamber of Trades and Crafts",
             "Board of Vocational Standards", "Council for Professional Registration", "Federation of Training Providers")
OUTCOME_VERBS = ("Plan and carry out", "Explain and apply", "Design", "Evaluate", "Produce", "Document and review",
                 "Prepare", "Lead", "Interpret", "Check")
SURNAMES = ("Harrow", "Okafor", "Lindqvist", "Moreau", "Novak", "Tanaka", "Silva", "Byrne", "Keller", "Mensah",
            "Rossi", "Nowak", "Dubois", "Reyes", "Walsh", "Kowalczyk", "Fischer", "Haddad", "Jansen", "Ortega")
SENTENCES = (
    "This {kind} is for people who want to work confidently in {topic_lower}, whether they are new to the field or "
    "returning after a break.",
    "You learn by doing: every unit ends with a task taken from a real workplace in {industry_lower}.",
    "Teaching combines short videos, guided reading and practical exercises, with feedback from tutors who work "
    "in the field.",
    "The course was designed with employers, who told us which tasks new staff find hardest in their first months.",
    "Most learners study for about {hours} hours in total, alongside their job.",
    "By the end you will have a small portfolio of work that you can show to an employer.",
    "Case studies come from small firms as well as large organisations, so the examples fit different workplaces.",
    "You will practise {outcome_lower} until you can do it without a checklist.",
    "Each topic starts from what learners already know and builds towards tasks of realistic size.",
    "Sessions are recorded where the format allows, and every activity has a written version.",
    "The final assessment asks you to show what you can do, not only what you remember.",
    "Learners who complete the credential often go on to more specialised study in {topic_lower}.",
    "Tutors reply to questions within two working days, and peer discussion groups meet every week.",
    "Materials are reviewed every year against current practice and any changes to regulations.",
    "The workload is spread evenly, so you can plan study time around shifts or family commitments.",
    "If you already hold a related qualification, ask us about recognition of prior learning.",
)
COVER_HEADINGS = ("What you will cover", "Topics", "How the course works", "What you will do")
CLOSING = {
    "exam": "The credential is awarded after a final exam; you can retake it once at no extra cost.",
    "project": "You finish with a project that applies what you learned to a problem of your choice.",
    "portfolio": "Assessment is a portfolio of evidence from your own work, reviewed by an assessor.",
    "performance": "An assessor watches you carry out the tasks in a real or simulated workplace.",
    "quiz": "Short quizzes after each unit check understanding; the final quiz must be passed with 60%.",
    "attendance_only": "There is no exam: the credential is awarded when you have taken part in every session.",
}
PLAIN_SCALAR = re.compile(r"[A-Za-z][A-Za-z0-9 ,.()/'+@_\-\u00C0-\u017F]*[A-Za-z0-9.)\u00C0-\u017F]")
PLAIN_URL = re.compile(r"https?://[A-Za-z0-9./_\-]+")
YAML_WORDS = frozenset({"true", "false", "null", "yes", "no", "on", "off", "y", "n", "~"})
HEX = "0123456789abcdef"
UNDECOMPOSABLE = str.maketrans({"ß": "ss", "ł": "l", "ø": "o", "æ": "ae"})
MAX_SENTENCE_BYTES = 170
ROR_ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"


@dataclass
class Provider:
    """A synthetic provider and the listings it offers."""

    id: str
    name: str
    kind: str
    country: str
    languages: tuple[str, ...]
    currency: str
    cities: tuple[str, ...]
    domains: tuple[Domain, ...]
    credentials: list[str] = field(default_factory=list)
    names: set[str] = field(default_factory=set)


def generate_catalog(out: Path, count: int, seed: int = 1, taxonomy_dir: Path = TAXONOMY_DIR) -> None:
    """Write a catalog of `count` valid credential listings below `out` (which must be empty or absent)."""
    if out.exists() and any(out.iterdir()):
        raise FileExistsError(f"{out} is not empty")
    rng = Random(seed)
    terms = _taxonomy_ids(taxonomy_dir)
    for domain in DOMAINS:
        _check_terms(domain, terms)
    shutil.copytree(taxonomy_dir, out / "taxonomy", dirs_exist_ok=True)
    providers = _providers(rng, max(1, round(count / LISTINGS_PER_PROVIDER)))
    owners = _assign_listings(rng, providers, count)
    listings: list[str] = []
    for provider in providers:
        has_logo = rng.random() < 0.3
        _write(out / "providers" / provider.id / "provider.yml", PROVIDER_MODELINE, _provider_data(rng, provider, has_logo))
        if has_logo:
            color = "".join(rng.choice(HEX) for _ in range(6))
            (out / "providers" / provider.id / "logo.svg").write_text(LOGO_SVG.format(color=color), encoding="utf-8")
    for provider in owners:
        domain = rng.choice(provider.domains)
        credential_id, name = _new_name(rng, provider, domain)
        data = _credential_data(rng, provider, domain, credential_id, name, listings)
        _write(out / "providers" / provider.id / "credentials" / f"{credential_id}.yml", MODELINE.format(kind="credential"), data)
        provider.credentials.append(f"{provider.id}/{credential_id}")
        listings.append(f"{provider.id}/{credential_id}")
    pathway_owners = [provider for provider in providers if len(provider.credentials) >= 3]
    for index in range(max(MIN_PATHWAYS, count // LISTINGS_PER_PATHWAY) if pathway_owners else 0):
        provider = pathway_owners[index % len(pathway_owners)]
        pathway_id, data = _pathway_data(rng, provider, providers, index)
        _write(out / "providers" / provider.id / "pathways" / f"{pathway_id}.yml", MODELINE.format(kind="pathway"), data)


def _taxonomy_ids(taxonomy_dir: Path) -> set[str]:
    ids: set[str] = set()
    for name in ("industries", "subjects"):
        ids.update(term["id"] for term in parse((taxonomy_dir / f"{name}.yml").read_text(encoding="utf-8")))
    return ids


def _check_terms(domain: Domain, terms: set[str]) -> None:
    missing = [term for term in (*domain.subjects, *domain.industries) if term not in terms]
    if missing:
        raise ValueError(f"synthetic domains name taxonomy ids that do not exist: {', '.join(missing)}")


def _providers(rng: Random, count: int) -> list[Provider]:
    providers: list[Provider] = []
    used: set[str] = set()
    for _ in range(count):
        country, languages, currency, cities = rng.choice(COUNTRIES)
        kind, pattern = rng.choice(PROVIDER_KINDS)
        base = pattern.format(rng.choice((*cities, *SURNAMES)))
        name, number = base, 1
        while slugify(name) in used:
            number += 1
            name = f"{base} {number}"
        used.add(slugify(name))
        domains = tuple(rng.sample(DOMAINS, rng.randint(1, 3)))
        providers.append(Provider(slugify(name), name, kind, country, languages, currency, cities, domains))
    return providers


def _assign_listings(rng: Random, providers: list[Provider], count: int) -> list[Provider]:
    """Every provider gets one listing, the rest go to providers with a long-tailed spread."""
    weights = [1 / (rank + 1) ** 0.5 for rank in range(len(providers))]
    owners = providers[:count] + rng.choices(providers, weights=weights, k=max(0, count - len(providers)))
    return owners


def _new_name(rng: Random, provider: Provider, domain: Domain) -> tuple[str, str]:
    base = rng.choice(QUALIFIERS).format(rng.choice(domain.topics))
    for part in NAME_PARTS:
        name = base + part
        if name.casefold() not in provider.names:
            break
    else:
        number = len(provider.names)
        while (name := f"{base}, Module {number}").casefold() in provider.names:
            number += 1
    provider.names.add(name.casefold())
    return slugify(name), name


def _provider_data(rng: Random, provider: Provider, has_logo: bool) -> dict[str, Any]:
    city = rng.choice(provider.cities)
    description = (
        f"{provider.name} is based in {city} and offers short, practical courses for people in work.\n"
        f"Its credentials are designed with local employers and reviewed every year.\n\n"
        f"Learners can study online or on campus; most courses run several times a year."
    )
    data: dict[str, Any] = {
        "id": provider.id,
        "name": provider.name,
        "type": provider.kind,
        "url": f"https://{provider.id}.example/",
        "country": provider.country,
        "description": description + "\n",
        "contact_email": f"courses@{provider.id}.example",
        "maintainers": [f"{rng.choice(SURNAMES).lower()}-{rng.randrange(10, 99)}" for _ in range(rng.randint(1, 3))],
    }
    data["maintainers"] = sorted(set(data["maintainers"]))
    if rng.random() < 0.5:
        body = rng.choice(QA_BODIES)
        data["accreditations"] = [{
            "body": body,
            "url": f"https://{slugify(body)}.example/",
            "valid_until": f"20{rng.randint(27, 31)}-{rng.randint(1, 12):02d}-28",
        }]
    if rng.random() < 0.4:
        identifiers: dict[str, str] = {
            "ror": "https://ror.org/0" + "".join(rng.choice(ROR_ALPHABET) for _ in range(6)) + f"{rng.randrange(100):02d}"
        }
        if rng.random() < 0.5:
            identifiers["ctid"] = "ce-" + "-".join("".join(rng.choice(HEX) for _ in range(n)) for n in (8, 4, 4, 4, 12))
        data["identifiers"] = identifiers
    if has_logo:
        data["logo"] = "logo.svg"
    return data


def _credential_data(
    rng: Random, provider: Provider, domain: Domain, credential_id: str, name: str, earlier: list[str]
) -> dict[str, Any]:
    """One listing: required fields always, optional fields often, every enum value sometimes."""
    topic = name
    credential_type = _weighted(rng, CREDENTIAL_TYPES)
    status = _weighted(rng, STATUSES)
    hours = rng.choice((6, 8, 12, 16, 20, 24, 30, 40, 50, 60, 75, 90, 120, 150, 12.5, 37.5))
    mode = _weighted(rng, MODES)
    assessment_type = _weighted(rng, ASSESSMENTS)
    outcomes = rng.sample(domain.outcomes, rng.randint(3, 5))
    data: dict[str, Any] = {
        "id": credential_id,
        "name": name,
        "summary": f"Learn to {rng.choice(OUTCOME_VERBS).lower()} {outcomes[0]}, with practical work and feedback "
        f"from {provider.name} tutors.",
        "description": "",
        "credential_type": credential_type,
        "url": f"https://{provider.id}.example/courses/{credential_id}",
        "status": status,
        "languages": _languages(rng, provider),
        "subjects": rng.sample(domain.subjects, rng.randint(1, min(2, len(domain.subjects)))),
        "industries": rng.sample(domain.industries, rng.randint(1, len(domain.industries))),
        "learning_outcomes": [f"{rng.choice(OUTCOME_VERBS)} {outcome}." for outcome in outcomes],
    }
    if rng.random() < 0.7:
        data["skills"] = [_skill(rng, skill) for skill in rng.sample(domain.skills, rng.randint(1, 3))]
    if rng.random() < 0.5:
        occupation_name, isco, onet = rng.choice(domain.occupations)
        occupation: dict[str, str] = {"name": occupation_name, "isco": isco}
        if rng.random() < 0.5:
            occupation["onet"] = onet
        data["occupations"] = [occupation]
    level: dict[str, Any] = {"audience": _weighted(rng, AUDIENCES)}
    if rng.random() < 0.6:
        level["eqf"] = rng.randint(2, 7)
    data["level"] = level
    workload: dict[str, Any] = {"hours": hours}
    if rng.random() < 0.4:
        workload["ects"] = max(0.5, round(hours / 25 * 2) / 2)
    if rng.random() < 0.6:
        workload["duration"] = rng.choice(("P2W", "P4W", "P6W", "P8W", "P10W", "P3M", "P6M", "P5D", "PT16H"))
    data["workload"] = workload
    delivery: dict[str, Any] = {"mode": mode, "pacing": _weighted(rng, PACINGS)}
    if mode != "online":
        delivery["location"] = f"{rng.choice(provider.cities)}, {provider.country}"
    data["delivery"] = delivery
    assessment: dict[str, Any] = {"type": assessment_type}
    if assessment_type != "attendance_only" and rng.random() < 0.7:
        assessment["supervision"] = rng.choice(SUPERVISIONS)
    data["assessment"] = assessment
    data["cost"] = _cost(rng, provider)
    prerequisites = _prerequisites(rng, provider, earlier)
    if prerequisites:
        data["prerequisites"] = prerequisites
    data["quality_assurance"] = _quality(rng)
    if rng.random() < 0.4:
        data["stackability"] = _stackability(rng, domain, earlier)
    if credential_type in ("certification", "license") or rng.random() < 0.1:
        data["validity"] = {"expires_after": rng.choice(("P1Y", "P2Y", "P3Y", "P5Y")),
                            "renewal": "Renew by logging continuing professional development and passing a short refresher assessment."}
    if rng.random() < 0.6:
        data["issued_as"] = sorted(rng.sample(ISSUED_AS, rng.randint(1, 2)), key=ISSUED_AS.index)
    if rng.random() < 0.6:
        data["accessibility"] = sorted(rng.sample(ACCESSIBILITY, rng.randint(1, 3)), key=ACCESSIBILITY.index)
    if rng.random() < 0.7:
        data["keywords"] = rng.sample(domain.keywords, rng.randint(2, 5))
    data["dates"] = _dates(rng, status)
    return _fit_size(rng, data, domain, topic)


def _fit_size(rng: Random, data: dict[str, Any], domain: Domain, topic: str) -> dict[str, Any]:
    """Write the description to bring the file to a realistic size; drop optional lists if it cannot fit."""
    smallest, largest = LISTING_BYTES
    target = rng.randint(smallest + MAX_SENTENCE_BYTES, largest)
    data["description"] = _description(rng, data, domain, topic, target)
    for optional in ("keywords", "occupations", "skills", "accessibility", "issued_as"):
        if _file_bytes(data, "credential") <= largest:
            break
        data.pop(optional, None)
        data["description"] = _description(rng, data, domain, topic, target)
    return data


def _file_bytes(data: dict[str, Any], kind: str) -> int:
    return len(MODELINE.format(kind=kind).encode("utf-8")) + 1 + len(render_yaml(data).encode("utf-8"))


def _languages(rng: Random, provider: Provider) -> list[str]:
    if len(provider.languages) > 1 and rng.random() < 0.3:
        return list(provider.languages)
    return [provider.languages[0]]


def _skill(rng: Random, name: str) -> dict[str, str]:
    skill = {"name": name}
    if rng.random() < 0.5:
        skill["esco"] = "http://data.europa.eu/esco/skill/" + _uuid(rng)
    return skill


def _cost(rng: Random, provider: Provider) -> dict[str, Any]:
    model = _weighted(rng, COST_MODELS)
    cost: dict[str, Any] = {"model": model}
    if model == "paid" or (model in ("free_learning_paid_certificate", "subscription") and rng.random() < 0.8):
        amount = rng.choice((29, 49, 79, 95, 150, 249, 395, 450, 690, 1200, 1850, 49.99, 19.5))
        cost["amount"] = amount if model == "paid" else min(amount, 99)
        cost["currency"] = provider.currency
    if model != "free" and rng.random() < 0.3:
        cost["financial_aid"] = rng.random() < 0.7
    return cost


def _prerequisites(rng: Random, provider: Provider, earlier: list[str]) -> dict[str, Any]:
    """Prerequisites name only listings written before this one: the graph has no cycles by construction."""
    prerequisites: dict[str, Any] = {}
    if rng.random() < 0.35:
        prerequisites["text"] = rng.sample(
            ("Basic computer skills.", "English at level B2 or above.", "Two years of relevant work experience.",
             "A current first aid certificate.", "Completion of secondary education or equivalent."),
            rng.randint(1, 2),
        )
    roll = rng.random()
    if roll < 0.12 and provider.credentials:
        prerequisites["credentials"] = sorted(set(rng.sample(provider.credentials, min(len(provider.credentials), rng.randint(1, 2)))))
    elif roll < 0.15 and earlier:
        prerequisites["credentials"] = [rng.choice(earlier)]
    return prerequisites


def _quality(rng: Random) -> dict[str, Any]:
    kind = _weighted(rng, QUALITY)
    quality: dict[str, Any] = {"type": kind}
    if kind in ("accredited", "regulated", "external_review"):
        body_name = rng.choice(QA_BODIES)
        body: dict[str, str] = {"name": body_name, "url": f"https://{slugify(body_name)}.example/"}
        if rng.random() < 0.6:
            body["evidence_url"] = f"https://{slugify(body_name)}.example/register/{rng.randrange(10000, 99999)}"
        quality["bodies"] = [body]
    return quality


def _stackability(rng: Random, domain: Domain, earlier: list[str]) -> dict[str, Any]:
    stackability: dict[str, Any] = {"standalone": rng.random() < 0.8}
    kind, pattern = rng.choice(LEADS_TO)
    target: dict[str, Any] = {"name": pattern.format(rng.choice(domain.topics))}
    if earlier and rng.random() < 0.25:
        target = {"credential": rng.choice(earlier)}
    if rng.random() < 0.6:
        target["credits"] = rng.choice((2, 5, 7.5, 10, 15))
    stackability["counts_toward"] = [target]
    return stackability


def _dates(rng: Random, status: str) -> dict[str, str]:
    dates = {"last_verified": f"2025-{rng.randint(6, 12):02d}-{rng.randint(1, 28):02d}"}
    if rng.random() < 0.5:
        dates["last_verified"] = f"2026-{rng.randint(1, 6):02d}-{rng.randint(1, 28):02d}"
    if status == "upcoming":
        dates["available_from"] = f"2027-{rng.randint(1, 12):02d}-01"
    elif status == "retired":
        dates["available_from"] = f"20{rng.randint(19, 22)}-09-01"
        dates["available_until"] = f"2025-{rng.randint(1, 6):02d}-15"
    elif rng.random() < 0.2:
        dates["available_from"] = f"2024-{rng.randint(1, 12):02d}-01"
    return dates


def _description(rng: Random, data: dict[str, Any], domain: Domain, topic: str, target: int) -> str:
    """Paragraphs, a heading and a list, filled sentence by sentence until the file is about `target` bytes."""
    words = {
        "kind": data["credential_type"].replace("_", "-"),
        "topic_lower": topic.lower(),
        "industry_lower": data["industries"][0].replace("-", " "),
        "hours": data["workload"]["hours"],
        "outcome_lower": rng.choice(domain.outcomes),
    }
    data["description"] = ""
    base_bytes = _file_bytes(data, "credential") - len('description: ""\n') + len("description: |\n")
    bullets = [outcome[0].upper() + outcome[1:] for outcome in rng.sample(domain.outcomes, rng.randint(3, 4))]
    middle = [f"### {rng.choice(COVER_HEADINGS)}", "\n".join(f"- {bullet}" for bullet in bullets)]
    closing = CLOSING[data["assessment"]["type"]]
    pool = [sentence.format(**words) for sentence in rng.sample(SENTENCES, len(SENTENCES))]
    opening: list[str] = [pool.pop()]
    later: list[str] = []

    def render() -> str:
        paragraphs = [_wrap(" ".join(opening[i:i + 3])) for i in range(0, len(opening), 3)]
        return "\n\n".join([*paragraphs, *middle, _wrap(" ".join([*later, closing]))]) + "\n"

    while pool:
        (opening if len(opening) < 4 else later).append(pool[-1])
        if base_bytes + _block_bytes(render()) > target:
            (later if later else opening).pop()
            break
        pool.pop()
    return render()


def _block_bytes(text: str) -> int:
    """Bytes the text takes as an indented literal block."""
    lines = text.rstrip("\n").split("\n")
    return len(text.encode("utf-8")) + 2 * sum(1 for line in lines if line)


def _wrap(text: str, width: int = 88) -> str:
    lines: list[str] = []
    current = ""
    for word in text.split(" "):
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    lines.append(current)
    return "\n".join(lines)


def _pathway_data(rng: Random, provider: Provider, providers: list[Provider], index: int) -> tuple[str, dict[str, Any]]:
    """A pathway of two to four steps through the provider's listings, sometimes with a partner's."""
    domain = provider.domains[0]
    kind, pattern = rng.choice(LEADS_TO)
    award = pattern.format(rng.choice(domain.topics))
    pathway_id = f"{slugify(f'route-{award}')[:56]}-{index}"
    pool = list(provider.credentials)
    rng.shuffle(pool)
    steps: list[dict[str, Any]] = []
    for _ in range(min(rng.randint(2, 4), len(pool))):
        size = min(len(pool), rng.choice((1, 1, 2, 3)))
        if size == 0:
            break
        members = [pool.pop() for _ in range(size)]
        step: dict[str, Any] = {"credentials": members}
        if size > 1 and rng.random() < 0.6:
            step["choose"] = rng.randint(1, size - 1)
        steps.append(step)
    partners = [other for other in providers if other is not provider and other.credentials]
    if partners and rng.random() < 0.3:
        steps.append({"credentials": [rng.choice(rng.choice(partners).credentials)]})
    leads_to: dict[str, Any] = {"name": award, "type": kind, "awarded_by": provider.name}
    if kind in ("degree", "diploma", "certificate"):
        leads_to["credits"] = rng.choice((30, 60, 90))
    data: dict[str, Any] = {
        "id": pathway_id,
        "name": f"Route to {award}",
        "description": f"Earn the listed credentials in order to complete the {award}.\n\n"
        f"Each step can be taken on its own; together they cover the full programme.\n",
        "leads_to": [leads_to],
        "steps": steps,
    }
    if rng.random() < 0.5:
        body_name = rng.choice(QA_BODIES)
        data["recognized_by"] = [{"name": body_name, "url": f"https://{slugify(body_name)}.example/"}]
    return pathway_id, data


def _weighted(rng: Random, choices: Sequence[tuple[str, int]]) -> str:
    return rng.choices([value for value, _ in choices], weights=[weight for _, weight in choices])[0]


def _uuid(rng: Random) -> str:
    return "-".join("".join(rng.choice(HEX) for _ in range(n)) for n in (8, 4, 4, 4, 12))


def slugify(text: str) -> str:
    """An id from a name: ASCII letters and digits joined by single hyphens, at most 64 characters."""
    folded = unicodedata.normalize("NFKD", text.lower().translate(UNDECOMPOSABLE))
    slug = re.sub(r"[^a-z0-9]+", "-", folded.encode("ascii", "ignore").decode("ascii")).strip("-")
    return slug[:64].rstrip("-")


def render_yaml(data: dict[str, Any]) -> str:
    """Block-style YAML as people write it: plain scalars where safe, literal blocks for long text."""
    lines: list[str] = []
    _emit_mapping(data, 0, lines, "")
    return "\n".join(lines) + "\n"


def _emit_mapping(mapping: dict[str, Any], indent: int, lines: list[str], first_lead: str) -> None:
    pad = " " * indent
    for position, (key, value) in enumerate(mapping.items()):
        lead = first_lead if position == 0 and first_lead else pad
        if isinstance(value, dict):
            lines.append(f"{lead}{key}:")
            _emit_mapping(value, indent + 2, lines, "")
        elif isinstance(value, list):
            lines.append(f"{lead}{key}:")
            _emit_sequence(value, indent + 2, lines)
        elif isinstance(value, str) and "\n" in value:
            lines.append(f"{lead}{key}: |")
            lines.extend(f"{pad}  {line}" if line else "" for line in value.rstrip("\n").split("\n"))
        else:
            lines.append(f"{lead}{key}: {_scalar(value)}")


def _emit_sequence(items: list[Any], indent: int, lines: list[str]) -> None:
    pad = " " * indent
    for item in items:
        if isinstance(item, dict):
            _emit_mapping(item, indent + 2, lines, f"{pad}- ")
        else:
            lines.append(f"{pad}- {_scalar(item)}")


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    text = str(value)
    if (PLAIN_SCALAR.fullmatch(text) or PLAIN_URL.fullmatch(text)) and text.lower() not in YAML_WORDS:
        return text
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _write(path: Path, modeline: str, data: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"{modeline}\n{render_yaml(data)}", encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: write a synthetic catalog."""
    parser = argparse.ArgumentParser(prog="python -m measure.synthetic", description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, required=True, help="number of credential listings")
    parser.add_argument("--out", type=Path, required=True, help="catalog folder to create (must be empty or absent)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1); the same seed gives the same bytes")
    options = parser.parse_args(argv)
    if options.count < 1:
        parser.error("--count must be at least 1")
    try:
        generate_catalog(options.out, options.count, options.seed)
    except (FileExistsError, ValueError) as error:
        parser.exit(2, f"synthetic: error: {error}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
