"""The 17 claims the model formalises (C1…C17), in Dutch and English.

They summarise the argument of the Dutch management book *De moed om te vertrouwen* (the courage
to trust) and the research it cites; ``docs/claims.md`` explains each one and names the
mechanisms that carry it. Mechanisms cite claims by id in their docstrings; ``CLAIMS["C4"].en``
is the English text of C4.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from types import MappingProxyType


@dataclass(frozen=True)
class Claim:
    """One claim: a short title and the full text, each in Dutch (``nl``) and English (``en``)."""

    id: str
    title_nl: str
    title_en: str
    nl: str
    en: str

    def title(self, lang: str = "nl") -> str:
        """The short title in ``lang`` (``"nl"`` or ``"en"``)."""
        return self.title_en if lang.lower() == "en" else self.title_nl

    def text(self, lang: str = "nl") -> str:
        """The full text in ``lang`` (``"nl"`` or ``"en"``)."""
        return self.en if lang.lower() == "en" else self.nl


_CLAIMS = (
    Claim(
        "C1",
        "Vertrouwen is een basisbehoefte",
        "Trust is a basic need",
        "Medewerkers die vertrouwen krijgen, voelen zich gezien en gewaardeerd: ze groeien, nemen "
        "initiatief en verantwoordelijkheid, en worden creatief en bevlogen.",
        "Employees who receive trust feel seen and valued: they grow, take initiative and "
        "responsibility, and become creative and engaged.",
    ),
    Claim(
        "C2",
        "Controle verdringt motivatie",
        "Control crowds out motivation",
        "Gevoelde controle en bemoeienis maken mensen passief, zonder initiatief en "
        "ongemotiveerd. Toch houdt controle niemand tegen die echt wil sjoemelen: die vindt wel "
        "een manier.",
        "Felt control and meddling make people passive, without initiative and unmotivated. Yet "
        "control does not stop someone determined to cheat: they find a way.",
    ),
    Claim(
        "C3",
        "Vertrouwen is wederkerig",
        "Trust is reciprocal",
        "De meeste mensen willen het vertrouwen dat ze krijgen niet beschamen; een kleine "
        "minderheid misbruikt het. Wie vertrouwen geeft, krijgt meestal vertrouwen terug.",
        "Most people do not want to betray the trust they are given; a small minority abuses it. "
        "Giving trust tends to earn trust in return.",
    ),
    Claim(
        "C4",
        "De vicieuze cirkel",
        "The vicious circle",
        "Als de resultaten onder druk komen, trekt de leidinggevende de controle naar zich toe: "
        "lost de problemen van medewerkers zelf op, werkt harder, controleert meer. Medewerkers "
        "leunen achterover (“de baas lost het toch wel op”), de leidinggevende krijgt het drukker "
        "en houdt geen tijd over voor visie, strategie of coaching. Medewerkers voelen zich "
        "gewantrouwd en niet gehoord, de ontevredenheid groeit en de resultaten dalen verder.",
        "When results come under pressure, the manager pulls control back to themself: solves "
        "employees' problems, works harder, checks more. Employees lean back (“the boss will fix "
        "it anyway”), the manager gets busier and has no time left for vision, strategy or "
        "coaching. Employees feel distrusted and unheard, dissatisfaction grows and results fall "
        "further.",
    ),
    Claim(
        "C5",
        "De positieve cirkel",
        "The virtuous circle",
        "Vertrouwen → mensen nemen verantwoordelijkheid → de doelen worden gehaald → de "
        "leidinggevende heeft tijd voor coaching en visie. De coachende leidinggevende uit het "
        "boek werkt gewoon normale uren.",
        "Trust → people take responsibility → goals are met → the manager has time for coaching "
        "and vision. The coaching manager of the book works normal hours.",
    ),
    Claim(
        "C6",
        "Tijdziekte",
        "Time sickness",
        "Leidinggevenden verwarren inspanning met resultaat en kwantiteit met kwaliteit, schuiven "
        "het op tijdelijke omstandigheden en durven niet te delegeren (uit angst vervangbaar te "
        "worden). Het gevolg: structureel overwerk, stress en burn-out. Ook leidinggevenden "
        "raken opgebrand, klem tussen medewerkers en directie.",
        "Managers confuse effort with results and quantity with quality, blame temporary "
        "circumstances and fear delegating (for fear of becoming replaceable). The result: "
        "chronic overtime, stress and burnout. Managers burn out too, squeezed between their "
        "staff and the directors.",
    ),
    Claim(
        "C7",
        "Het 6V-model van coachend leidinggeven",
        "The 6 V model of coaching leadership",
        "Creëer Visie (het waarom, heldere doelen en verwachtingen: “geen zelfsturing zonder "
        "sturing”), geef Vertrouwen, geef Verantwoordelijkheid, geef Vrijheid (in hoe het werk "
        "gedaan wordt), vanuit Verbinding (aandacht, luisteren, coachen, de relatie) en creëer "
        "Veiligheid (fouten maken mag, iedereen mag zich uitspreken).",
        "Six Dutch words beginning with V: create vision (visie: the why, clear goals and "
        "expectations — “no self-steering without steering”), give trust (vertrouwen), give "
        "responsibility (verantwoordelijkheid), give freedom (vrijheid: in how the work is done), "
        "from connection (verbinding: attention, listening, coaching, the relationship), and "
        "create safety (veiligheid: mistakes may be made, people may speak up).",
    ),
    Claim(
        "C8",
        "Regels",
        "Rules",
        "Een paar goede regels, samen opgesteld en op maat, ondersteunen vertrouwen. Een dikke "
        "laag regels en procedures voelt benauwend, maakt mensen bang om fouten te maken en haalt "
        "het plezier uit het werk. Sommige vakgebieden hebben veel regels nodig; hoe mensen ze "
        "ervaren, maakt het verschil. Regels voorkomen geen misbruik.",
        "A few good rules, made together and fitted to the situation, support trust. A thick "
        "layer of rules and procedures feels oppressive, makes people afraid of mistakes and "
        "takes the fun out of work. Some fields need many rules; how people perceive them "
        "matters. Rules do not prevent misconduct.",
    ),
    Claim(
        "C9",
        "Consequenties",
        "Consequences",
        "Vertrouwen is geen vrijbrief. Wie niet presteert, wordt aangesproken: zoek uit waarom, "
        "maak afspraken; verandert er niets, dan volgt overplaatsing of ontslag. "
        "Leidinggevenden die nooit iemand aanspreken, verliezen respect: anderen gaan de kantjes "
        "eraf lopen, goede krachten ergeren zich en de resultaten op lange termijn lijden eronder.",
        "Trust is not a free pass. A non-performer is addressed: find out why, make agreements, "
        "and if nothing changes, transfer or dismiss. Managers who never address anyone lose "
        "respect: others start slacking, good performers get annoyed and long-term results "
        "suffer.",
    ),
    Claim(
        "C10",
        "Sociale controle",
        "Social control",
        "In zelfsturende teams met een gedeeld doel houden collega's elkaar scherp: sociale "
        "controle is sterker en goedkoper dan structuur die van bovenaf wordt opgelegd.",
        "In self-managing teams with a shared goal, colleagues keep each other on track: peer "
        "(social) control is stronger and cheaper than structure imposed from above.",
    ),
    Claim(
        "C11",
        "Bronnen van stress",
        "Sources of stress",
        "Bij medewerkers: geen plezier in het werk, niet het gevoel bij te dragen, talenten die "
        "onbenut blijven (op de verkeerde plek), een slechte relatie met de leidinggevende. Bij "
        "leidinggevenden: te druk, de sandwichpositie, frustratie dat medewerkers niet doen wat "
        "zij willen.",
        "Employees: no pleasure in the work, no sense of contributing, talents unused (the wrong "
        "place), a poor relationship with the boss. Managers: too busy, sandwiched between staff "
        "and directors, frustrated that staff do not do what they want.",
    ),
    Claim(
        "C12",
        "Hayek: lokale kennis",
        "Hayek: local knowledge",
        "Ieder mens heeft relevante, unieke kennis van de eigen situatie; een centrale "
        "autoriteit kan die nooit allemaal verzamelen; decentrale beslissingen benutten haar wel "
        "(Hayek 1945). ‘In control’ zijn betekent overleven in een veranderende omgeving, en "
        "daarvoor zijn kennis laag in de organisatie en aanpassingsvermogen nodig.",
        "Each person holds relevant, unique local knowledge; a central authority cannot gather "
        "it all, decentralised decisions use it (Hayek 1945). Being “in control” means surviving "
        "in a changing environment, which needs knowledge low in the organisation and "
        "adaptability.",
    ),
    Claim(
        "C13",
        "Simon: losse teugels",
        "Simon: loose control",
        "Organisaties hebben losse teugels nodig om te overleven; strakke controle vernietigt "
        "hun aanpassingsvermogen.",
        "Organisations need loose control to survive; tight control destroys their adaptability.",
    ),
    Claim(
        "C14",
        "Semlers productielijn",
        "Semler's production line",
        "Medewerkers die hun eigen productielijn mochten inrichten, maakten die op papier minder "
        "efficiënt, maar afwisselender en leuker — en op lange termijn waren de resultaten beter "
        "en het verzuim lager.",
        "Workers allowed to design their own production line made it less efficient on paper "
        "but more varied and enjoyable — and long-term results were better, with lower "
        "absenteeism.",
    ),
    Claim(
        "C15",
        "Cijfers",
        "Figures",
        "In Nederland had ongeveer 14% van de werkenden burn-outklachten (het cijfer uit het "
        "boek, voor 2017); slechts zo'n 20% voelt zich bevlogen in het werk, en bevlogen mensen "
        "leveren ongeveer 20% meer productiviteit en winst op. Welbevinden op het werk valt in "
        "vier kwadranten: bevlogenheid, werkverslaving, burn-out en tevredenheid.",
        "In the Netherlands about 14% of workers had burnout complaints (the book's figure for "
        "2017); only about 20% feel engaged in their work, and engaged people deliver about 20% "
        "more productivity and profit. Well-being at work falls into four quadrants: engagement, "
        "workaholism, burnout and satisfaction.",
    ),
    Claim(
        "C16",
        "Generaties",
        "Generations",
        "Twintigers en dertigers verwachten autonomie en wijzen hiërarchie af: de behoefte aan "
        "autonomie verschilt van medewerker tot medewerker.",
        "Workers in their twenties and thirties expect autonomy and reject hierarchy: the need "
        "for autonomy differs across the workforce.",
    ),
    Claim(
        "C17",
        "Moed en geloofwaardigheid",
        "Courage and credibility",
        "Een leidinggevende die zonder echte overtuiging van stijl verandert, valt bij de eerste "
        "tegenslag terug in controle. Medewerkers geloven de verandering eerst niet (“eens zien "
        "hoe lang dat duurt”); vertrouwen komt te voet en gaat te paard.",
        "A manager who changes style without real conviction relapses into control at the first "
        "setback. Staff do not believe the change at first (“we'll see how long that lasts”); "
        "trust is built slowly and lost quickly.",
    ),
)

CLAIMS: MappingProxyType[str, Claim] = MappingProxyType({c.id: c for c in _CLAIMS})
"""``"C1"`` … ``"C17"`` → :class:`Claim`, in order; read-only."""

CLAIM_ID = re.compile(r"\bC(1[0-7]|[1-9])\b")
"""A claim id in running text (``C4``, ``C2/C8``), not part of a longer one (``C18``)."""


def cited(text: str) -> list[str]:
    """The claim ids ``text`` cites, each once, in the order C1 … C17."""
    found = {int(n) for n in CLAIM_ID.findall(text)}
    return [f"C{n}" for n in sorted(found)]
