"""What the orientation screens offer to choose: interests, everyday activities, constraints.

Interests are France Travail's 30 "centres d'intérêt" (ROME 4.0, codes 1..30), each with a
plain English msgid for the picture card and a second-person sentence for the explanation
("You like being outdoors."). Activities are everyday, often unpaid, experiences; which ROME
skills each stands for, and the words people say for it in each language, are data
(data/orientation/activities.json), so the screens and the engine read the same list.
Pictograms are Material Design Icons names as qtawesome spells them ("mdi6.…").
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.i18n import N_, NC_


@dataclass(frozen=True)
class Interest:
    code: int  # ROME centre d'intérêt code, 1..30
    label: str  # msgid shown on the card ("Nature and the outdoors")
    because: str  # msgid of the reason sentence ("You like nature and the outdoors.")
    icon: str  # qtawesome name, "mdi6.tree"


@dataclass(frozen=True)
class Activity:
    id: str  # stable id used in answers ("childcare")
    label: str  # msgid shown on the card ("Looking after children")
    because: str  # msgid of the reason sentence ("You looked after children.")
    icon: str


@dataclass(frozen=True)
class Constraint:
    id: str  # one of AVOID
    label: str  # msgid ("Working at night")
    icon: str


@dataclass(frozen=True)
class Diploma:
    id: str  # one of DIPLOMAS
    label: str  # msgid
    icon: str


INTERESTS: tuple[Interest, ...] = (
    Interest(
        1,
        N_("Building and fixing up"),
        N_("You like building and fixing up."),
        "mdi6.hammer-wrench",
    ),
    Interest(2, N_("Leading a team"), N_("You like leading a team."), "mdi6.account-tie"),
    Interest(3, N_("Business and selling"), N_("You like business and selling."), "mdi6.handshake"),
    Interest(4, N_("Meeting people"), N_("You like meeting people."), "mdi6.account-group"),
    Interest(5, N_("Serving the public"), N_("You want to serve the public."), "mdi6.bank"),
    Interest(6, N_("Careful, precise work"), N_("You like careful, precise work."), "mdi6.magnify"),
    Interest(7, N_("Drawing"), N_("You like drawing."), "mdi6.draw"),
    Interest(
        8, N_("Talking and convincing"), N_("You like talking and convincing."), "mdi6.bullhorn"
    ),
    Interest(
        9, N_("Nature and the outdoors"), N_("You like nature and the outdoors."), "mdi6.tree"
    ),
    Interest(
        10, N_("Finding out new things"), N_("You like finding out new things."), "mdi6.compass"
    ),
    Interest(
        11,
        N_("Making sure rules are kept"),
        N_("You like making sure rules are kept."),
        "mdi6.scale-balance",
    ),
    Interest(
        12, N_("Words and writing"), N_("You like words and writing."), "mdi6.book-open-variant"
    ),
    Interest(
        13, N_("Moving and being active"), N_("You like moving and being active."), "mdi6.run"
    ),
    Interest(
        14,
        N_("Working with my hands"),
        N_("You like working with your hands."),
        "mdi6.hand-back-right",
    ),
    Interest(15, NC_("interest", "Numbers"), N_("You like numbers."), "mdi6.calculator"),
    Interest(16, N_("Travelling"), N_("You like travelling."), "mdi6.airplane"),
    Interest(17, N_("Animals"), N_("You like animals."), "mdi6.paw"),
    Interest(
        18,
        N_("Organising and planning"),
        N_("You like organising and planning."),
        "mdi6.calendar-check",
    ),
    Interest(19, N_("Driving"), N_("You like driving."), "mdi6.steering"),
    Interest(
        20,
        N_("Protecting the environment"),
        N_("You want to protect the environment."),
        "mdi6.leaf",
    ),
    Interest(21, N_("Children"), N_("You want to work with children."), "mdi6.human-male-child"),
    Interest(22, N_("Caring for others"), N_("You want to care for others."), "mdi6.hand-heart"),
    Interest(
        23,
        N_("Protecting and rescuing"),
        N_("You want to protect and rescue people."),
        "mdi6.lifebuoy",
    ),
    Interest(24, N_("Teaching"), N_("You like teaching."), "mdi6.human-male-board"),
    Interest(
        25, N_("Thrills and adventure"), N_("You like thrills and adventure."), "mdi6.parachute"
    ),
    Interest(
        26,
        N_("Working behind the scenes"),
        N_("You like working behind the scenes."),
        "mdi6.movie-open",
    ),
    Interest(27, N_("Cooking"), N_("You love cooking."), "mdi6.chef-hat"),
    Interest(28, N_("Other cultures"), N_("You love other cultures."), "mdi6.earth"),
    Interest(
        29,
        N_("Computers and new technology"),
        N_("You love computers and new technology."),
        "mdi6.laptop",
    ),
    Interest(30, N_("Art and creating"), N_("You are an artist."), "mdi6.palette"),
)

ACTIVITIES: tuple[Activity, ...] = (
    Activity(
        "childcare",
        N_("Looking after children"),
        N_("You looked after children."),
        "mdi6.baby-carriage",
    ),
    Activity(
        "caring",
        N_("Caring for a sick or old person"),
        N_("You cared for a sick or old person."),
        "mdi6.hand-heart",
    ),
    Activity("volunteering", N_("Volunteering"), N_("You volunteered."), "mdi6.charity"),
    Activity("sport", N_("Sport"), N_("You do sport."), "mdi6.soccer"),
    Activity(
        "cooking",
        N_("Cooking for many people"),
        N_("You cooked for many people."),
        "mdi6.pot-steam",
    ),
    Activity("repairs", N_("Repairs at home"), N_("You did repairs."), "mdi6.tools"),
    Activity(
        "building", N_("Building or painting"), N_("You built or painted."), "mdi6.format-paint"
    ),
    Activity("market", N_("Selling at a market"), N_("You sold at a market."), "mdi6.storefront"),
    Activity("cleaning", N_("Cleaning"), N_("You cleaned."), "mdi6.broom"),
    Activity("gardening", N_("Gardening"), N_("You did gardening."), "mdi6.flower"),
    Activity(
        "farm",
        N_("Farm work, picking fruit"),
        N_("You worked on a farm or picked fruit."),
        "mdi6.tractor",
    ),
    Activity("animals", N_("Looking after animals"), N_("You looked after animals."), "mdi6.paw"),
    Activity("driving", N_("Driving"), N_("You drove."), "mdi6.car"),
    Activity(
        "moving",
        N_("Carrying and moving things"),
        N_("You carried and moved things."),
        "mdi6.dolly",
    ),
    Activity("sewing", N_("Sewing"), N_("You sewed."), "mdi6.needle"),
    Activity(
        "hair", N_("Doing hair or make-up"), N_("You did hair or make-up."), "mdi6.hair-dryer"
    ),
    Activity(
        "computers",
        N_("Helping with computers and phones"),
        N_("You helped with computers and phones."),
        "mdi6.laptop",
    ),
    Activity(
        "homework",
        N_("Helping children with homework"),
        N_("You helped children with homework."),
        "mdi6.book-open-page-variant",
    ),
    Activity(
        "translating",
        N_("Translating for others"),
        N_("You translated for others."),
        "mdi6.translate",
    ),
    Activity(
        "events",
        N_("Organising parties or events"),
        N_("You organised parties or events."),
        "mdi6.party-popper",
    ),
    Activity(
        "paperwork",
        N_("Paperwork and accounts"),
        N_("You did paperwork and accounts."),
        "mdi6.file-document-edit",
    ),
    Activity("shop", N_("Helping in a shop"), N_("You helped in a shop."), "mdi6.cart"),
    Activity(
        "music", N_("Music, drawing or crafts"), N_("You made music, art or crafts."), "mdi6.music"
    ),
    Activity(
        "security", N_("Keeping a place safe"), N_("You kept a place safe."), "mdi6.shield-account"
    ),
)

AVOID = ("night", "weekend", "heavy", "standing", "outdoor", "driving", "travel")

CONSTRAINTS: tuple[Constraint, ...] = (
    Constraint("night", N_("Working at night"), "mdi6.weather-night"),
    Constraint("weekend", N_("Working at weekends"), "mdi6.calendar-weekend"),
    Constraint("heavy", N_("Carrying heavy loads"), "mdi6.weight"),
    Constraint("standing", N_("Standing all day"), "mdi6.human-handsdown"),
    Constraint("outdoor", N_("Working outdoors"), "mdi6.weather-pouring"),
    Constraint("driving", N_("Driving"), "mdi6.car"),
    Constraint("travel", N_("Travelling for work"), "mdi6.bag-suitcase"),
)

DIPLOMAS: tuple[Diploma, ...] = (
    Diploma("none", NC_("diploma level", "No diploma"), "mdi6.account"),
    Diploma("cap", N_("CAP or BEP"), "mdi6.certificate"),
    Diploma("bac", N_("Baccalauréat"), "mdi6.school"),
    Diploma("higher", N_("Higher studies"), "mdi6.school-outline"),
)
DIPLOMA_IDS = tuple(d.id for d in DIPLOMAS)

INTEREST_BY_CODE = {i.code: i for i in INTERESTS}
ACTIVITY_BY_ID = {a.id: a for a in ACTIVITIES}
CONSTRAINT_BY_ID = {c.id: c for c in CONSTRAINTS}
