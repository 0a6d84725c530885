"""The CV's words: what the wizard suggests and what the printed CV says.

English message ids, marked with `N_` so `make extract` puts them in the catalogues with the
rest of the kiosk: every language is translated in the `.po` files and checked by the same
completeness test (tests/unit/test_i18n.py). `kiosk.cv.suggestions` reads these tables.
`suits` lists ROME grand domaines (one letter, A..N), ROME codes (A1203) or "*" for every
occupation. Ids are stored in saved CVs ("skill:teamwork"): never rename one.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kiosk.i18n import N_


@dataclass(frozen=True)
class Word:
    id: str
    msgid: str  # English, translated through the catalogues
    suits: tuple[str, ...] = ()
    # levels: `cefr` levels they stand for, `also` words an imported file may use
    cefr: tuple[str, ...] = field(default=())
    also: tuple[str, ...] = field(default=())


# Skills in plain words, suggested for the occupations a person wants.
SKILLS: tuple[Word, ...] = (
    Word("punctual", N_("Punctual and reliable"), ("*",)),
    Word("teamwork", N_("Working in a team"), ("*",)),
    Word("follow_instructions", N_("Following instructions"), ("*",)),
    Word("safety_rules", N_("Following safety rules"), ("*",)),
    Word("adaptable", N_("Adapting quickly"), ("*",)),
    Word("organised", N_("Organising my work"), ("*",)),
    Word("computer_basics", N_("Using a computer and a smartphone"), ("*",)),
    Word("plants_care", N_("Looking after plants and gardens"), ("A",)),
    Word("garden_tools", N_("Using garden machines (mower, hedge trimmer)"), ("A",)),
    Word("animals_care", N_("Caring for animals"), ("A",)),
    Word("harvest", N_("Picking and harvesting"), ("A",)),
    Word("handcraft", N_("Careful handwork"), ("B",)),
    Word("materials", N_("Knowing materials (wood, metal, fabric)"), ("B",)),
    Word("customer_advice", N_("Welcoming and advising customers"), ("C", "D")),
    Word("paperwork", N_("Handling files and paperwork"), ("C", "M")),
    Word("cash_register", N_("Using a cash register"), ("D", "G1603")),
    Word("shelving", N_("Filling shelves"), ("D",)),
    Word("stock", N_("Checking stock"), ("D", "N")),
    Word("selling", N_("Selling"), ("D",)),
    Word("social_media", N_("Using social media"), ("E",)),
    Word("photo_video", N_("Taking photos and videos"), ("E", "L")),
    Word("building_site", N_("Working on a building site"), ("F",)),
    Word("read_plans", N_("Reading a plan"), ("F", "I")),
    Word("power_tools", N_("Using power tools"), ("F", "I", "H")),
    Word("masonry", N_("Building walls and laying blocks"), ("F1703",)),
    Word("painting", N_("Painting and finishing"), ("F",)),
    Word("food_hygiene", N_("Food hygiene rules"), ("G", "H2102")),
    Word("cooking", N_("Preparing meals"), ("G1602", "G1603")),
    Word("table_service", N_("Serving at table"), ("G1803",)),
    Word("guests", N_("Welcoming guests"), ("G",)),
    Word("rush", N_("Working fast at busy times"), ("G",)),
    Word("machine_operation", N_("Running a production machine"), ("H",)),
    Word("quality_check", N_("Checking product quality"), ("H",)),
    Word("assembly", N_("Assembling parts"), ("H",)),
    Word("repairs", N_("Small repairs"), ("I",)),
    Word("electricity_basics", N_("Basic electrical work"), ("I",)),
    Word("patient_care", N_("Helping people wash, dress and eat"), ("J", "K1302")),
    Word("listening", N_("Listening to people"), ("J", "K")),
    Word("hygiene_care", N_("Hygiene rules in care"), ("J",)),
    Word("cleaning", N_("Cleaning rooms and surfaces"), ("K2204", "I1203", "K1304", "G")),
    Word("cleaning_products", N_("Using cleaning products safely"), ("K2204", "K1304", "K2201")),
    Word("childcare", N_("Childcare"), ("K",)),
    Word("elderly_help", N_("Helping older people at home"), ("K",)),
    Word("laundry", N_("Washing and ironing"), ("K2201", "K1304")),
    Word("stage_setup", N_("Setting up stages and equipment"), ("L",)),
    Word("office_software", N_("Word processing and spreadsheets"), ("M",)),
    Word("phone_reception", N_("Answering the phone"), ("M", "C")),
    Word("filing", N_("Sorting and filing documents"), ("M",)),
    Word("order_picking", N_("Preparing orders"), ("N", "N1103")),
    Word("handling_loads", N_("Carrying loads safely"), ("N", "F", "D")),
    Word("scanner", N_("Using a barcode scanner"), ("N1103", "D")),
    Word("driving", N_("Safe driving"), ("N4101", "N")),
    Word("deliveries", N_("Delivering goods"), ("N",)),
)

# Tasks a person may have done in a job, suggested by occupation.
TASKS: tuple[Word, ...] = (
    Word("welcome_customers", N_("Welcomed customers"), ("D", "G", "C")),
    Word("cash", N_("Took payments at the till"), ("D", "G1603")),
    Word("fill_shelves", N_("Filled the shelves"), ("D",)),
    Word("receive_goods", N_("Received deliveries"), ("D", "N")),
    Word("prepare_orders", N_("Prepared orders"), ("N", "N1103")),
    Word("load_trucks", N_("Loaded and unloaded trucks"), ("N",)),
    Word("inventory", N_("Counted stock"), ("N", "D")),
    Word("drive_deliver", N_("Drove and delivered to customers"), ("N",)),
    Word("prep_vegetables", N_("Prepared vegetables and ingredients"), ("G1602", "G1603", "G")),
    Word("cook_dishes", N_("Cooked simple dishes"), ("G1602",)),
    Word("wash_dishes", N_("Washed dishes and cleaned the kitchen"), ("G",)),
    Word("serve_tables", N_("Served customers at table"), ("G1803", "G")),
    Word("set_tables", N_("Set and cleared tables"), ("G1803",)),
    Word("clean_rooms", N_("Cleaned offices, rooms or shops"), ("K2204", "I1203", "K1304", "G")),
    Word("clean_machines", N_("Used cleaning machines"), ("K2204",)),
    Word("care_washing", N_("Helped people wash and dress"), ("J1501", "K1302")),
    Word("care_meals", N_("Helped people with their meals"), ("J1501", "K1302", "K")),
    Word("keep_company", N_("Kept older people company"), ("K1302", "K")),
    Word("mind_children", N_("Looked after children"), ("K",)),
    Word("housework", N_("Did housework: cleaning, washing, ironing"), ("K1304", "K")),
    Word("build_walls", N_("Built walls"), ("F1703", "F")),
    Word("mix_concrete", N_("Mixed concrete and mortar"), ("F",)),
    Word("site_cleanup", N_("Prepared and cleaned the site"), ("F",)),
    Word("paint_walls", N_("Painted walls and ceilings"), ("F",)),
    Word("mow_cut", N_("Mowed lawns and cut hedges"), ("A", "A1203")),
    Word("plant", N_("Planted and watered"), ("A",)),
    Word("pick_fruit", N_("Picked fruit and vegetables"), ("A",)),
    Word("feed_animals", N_("Fed and cared for animals"), ("A",)),
    Word("run_machine", N_("Ran a machine on a production line"), ("H",)),
    Word("pack_products", N_("Packed products"), ("H", "N")),
    Word("check_quality", N_("Checked the quality of products"), ("H",)),
    Word("fix_equipment", N_("Repaired and maintained equipment"), ("I",)),
    Word("answer_phone", N_("Answered the phone and took messages"), ("M", "C")),
    Word("file_documents", N_("Filed documents"), ("M",)),
    Word("type_letters", N_("Typed letters and tables"), ("M",)),
    Word("organise_events", N_("Helped organise events"), ("G", "L", "E")),
    Word("train_newcomers", N_("Trained new colleagues"), ("*",)),
    Word("help_team", N_("Helped the team where needed"), ("*",)),
)

# Sentences for a short 'about me': first person, one idea each.
ABOUT: tuple[Word, ...] = (
    Word("on_time", N_("I am always on time.")),
    Word("learn_fast", N_("I learn fast.")),
    Word("team", N_("I like working in a team.")),
    Word("alone", N_("I can work on my own.")),
    Word("physical", N_("I am not afraid of physical work.")),
    Word("people", N_("I like helping people.")),
    Word("customers", N_("I like talking with customers.")),
    Word("careful", N_("I do careful, tidy work.")),
    Word("hours", N_("I can work early, late or at weekends.")),
    Word("start_now", N_("I can start right away.")),
    Word("motivated", N_("I really want to work and to progress.")),
    Word("languages", N_("I speak several languages.")),
    Word("calm", N_("I stay calm when there is a lot of work.")),
    Word("new_field", N_("I want to learn a new trade.")),
)

# Interests a person may pick.
INTERESTS: tuple[Word, ...] = (
    Word("football", N_("Football")),
    Word("sport", N_("Sport")),
    Word("running", N_("Running")),
    Word("cooking", N_("Cookery")),
    Word("music", N_("Music")),
    Word("reading", N_("Reading")),
    Word("diy", N_("DIY and repairs")),
    Word("gardening", N_("Gardening")),
    Word("drawing", N_("Art and drawing")),
    Word("computers", N_("Computers")),
    Word("travel", N_("Travel")),
    Word("helping", N_("Helping others")),
    Word("sewing", N_("Sewing")),
    Word("games", N_("Board and video games")),
)

# Language levels, easier than the European framework (CEFR).
LEVELS: tuple[Word, ...] = (
    Word(
        "a_few_words",
        N_("A few words"),
        cefr=("A1", "A2"),
        also=(
            "basic",
            "beginner",
            "elementary",
            "notions",
            "débutant",
            "débutante",
            "élémentaire",
            "scolaire",
        ),
    ),
    Word(
        "can_talk",
        N_("I can talk"),
        cefr=("B1", "B2"),
        also=(
            "conversational",
            "intermediate",
            "limited working proficiency",
            "professional working proficiency",
            "intermédiaire",
            "courant à l'oral",
        ),
    ),
    Word(
        "fluent",
        N_("Fluent"),
        cefr=("C1", "C2"),
        also=(
            "advanced",
            "full professional proficiency",
            "bilingual",
            "avancé",
            "bilingue",
            "couramment",
        ),
    ),
    Word(
        "native",
        N_("Native language"),
        cefr=(),
        also=(
            "native",
            "native speaker",
            "mother tongue",
            "native or bilingual proficiency",
            "natif",
            "maternelle",
        ),
    ),
)

# Driving licence categories (French licence) and the forklift licence.
LICENCES: tuple[Word, ...] = (
    Word("AM", N_("AM (moped)")),
    Word("A1", N_("A1 (light motorbike)")),
    Word("A2", N_("A2 (motorbike)")),
    Word("A", N_("A (motorbike)")),
    Word("B", N_("B (car)")),
    Word("BE", N_("BE (car with trailer)")),
    Word("C1", N_("C1 (light truck)")),
    Word("C", N_("C (truck)")),
    Word("CE", N_("CE (truck with trailer)")),
    Word("D1", N_("D1 (minibus)")),
    Word("D", N_("D (bus)")),
    Word("forklift", N_("Forklift licence (CACES)")),
)

# How the person gets to work.
TRANSPORT: tuple[Word, ...] = (
    Word("car", N_("I have a car")),
    Word("motorbike", N_("I have a motorbike or scooter")),
    Word("bicycle", N_("Bicycle")),
    Word("public_transport", N_("Public transport")),
    Word("walking", N_("On foot")),
)

# What the printed CV itself says: headings and small words.
LABELS: dict[str, str] = {
    "heading.profile": N_("Profile"),
    "heading.contact": N_("Contact"),
    "heading.experience": N_("Work experience"),
    "heading.other": N_("Other activities"),
    "heading.education": N_("Education"),
    "heading.skills": N_("Skills"),
    "heading.languages": N_("Languages"),
    "heading.mobility": N_("Driving and transport"),
    "heading.interests": N_("Interests"),
    "since": N_("since {start}"),
    "licence": N_("Driving licence {categories}"),
    "no_diploma": N_("Without a diploma"),
    "diploma_not_obtained": N_("(studied, no diploma)"),
    "kind.volunteering": N_("Volunteering"),
    "kind.family": N_("Family help"),
    "kind.sport": N_("Sport"),
    "kind.internship": N_("Internship"),
    "kind.odd_jobs": N_("Odd jobs"),
    "kind.other": N_("Other"),
    "kind_title": N_("{kind}: {title}"),
    "language_level": N_("{language}: {level}"),
}
