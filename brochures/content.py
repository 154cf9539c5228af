"""The fixed content of the "Molempi parempi" brochures, in Finnish, Swedish and English.

The legal statements live here, in code, so that nobody can edit them in the portal; each
carries its source. They follow the corrected reading in the domain reference (the Act on
Vocational Education and Training 531/2017), NOT the workbook's brochure bullets, which put
some apprenticeship and training-agreement statements in each other's lists. Coordinators
edit only the institution's parts (introduction, contacts and links, the teacher version's
notes on local practice and funding): see brochures.models.BrochureText.

Sources, abbreviated in the bullets:
- L531: Act on Vocational Education and Training 531/2017 (laki ammatillisesta koulutuksesta),
  chapter 7 (training agreement and apprenticeship; the HOKS), with the study-related
  benefits of apprentices for unpaid study days.
- TSL: Employment Contracts Act 55/2001 (the apprentice's fixed-term employment contract, wage
  under the collective agreement).
- NTL: Young Workers' Act 998/1993 (workers under 18).
- OTL: Act on Student Financial Aid 65/1994 (the study grant, for students not in employment).
- GUIDE: the national brochure's guidance, not law (for example "typically 1-5 days a week").
"""

from dataclasses import dataclass

from core.i18n import Text

AUDIENCES = ("employer", "student", "teacher")
PUBLIC_AUDIENCES = ("employer", "student")  # the teacher version is for internal use only
LANGUAGES = ("fi", "sv", "en")
APPRENTICESHIP = "apprenticeship"
TRAINING = "training"


@dataclass(frozen=True)
class Colour:
    """A named colour variant. `dark` carries white text (band, headings' background) and
    `accent` text on white; both are checked for a contrast of at least 4.5:1 in the tests."""

    slug: str
    name: Text
    dark: str
    accent: str
    tint: str  # a light background behind dark text


COLOURS = (
    Colour("blue", Text("Sininen", "Blå", "Blue"), dark="#1b4f80", accent="#1b4f80", tint="#e8f0f8"),
    Colour("green", Text("Vihreä", "Grön", "Green"), dark="#1d5e3b", accent="#1d5e3b", tint="#e7f3ec"),
    Colour("plum", Text("Luumu", "Plommon", "Plum"), dark="#6d2154", accent="#6d2154", tint="#f5e9f1"),
)
COLOUR_SLUGS = tuple(colour.slug for colour in COLOURS)


def colour_by_slug(slug: str) -> Colour:
    return next(colour for colour in COLOURS if colour.slug == slug)


# The institution's own colour (brochures.models.BrochureColour), checked when it is set.
OWN_COLOUR = "own"
OWN_COLOUR_NAME = Text("Oma väri", "Egen färg", "Own colour")


AUDIENCE_NAMES = {
    "employer": Text("Työnantaja", "Arbetsgivare", "Employer"),
    "student": Text("Opiskelija", "Studerande", "Student"),
    "teacher": Text("Opettaja", "Lärare", "Teacher"),
}
# File names: plain ASCII, the audience in the brochure's own language.
FILENAME_AUDIENCE = {
    "fi": {"employer": "tyonantaja", "student": "opiskelija", "teacher": "opettaja"},
    "sv": {"employer": "arbetsgivare", "student": "studerande", "teacher": "larare"},
    "en": {"employer": "employer", "student": "student", "teacher": "teacher"},
}
FILENAME_TITLE = {"fi": "molempi-parempi", "sv": "bada-ar-battre", "en": "both-are-better"}

TITLE = Text("Molempi parempi!", "Båda är bättre!", "Both are better!")
SUBTITLE = Text(
    "Oppisopimus & koulutussopimus",
    "Läroavtal & utbildningsavtal",
    "Apprenticeship & training agreement",
)
HEADINGS = {
    APPRENTICESHIP: Text("Oppisopimus", "Läroavtal", "Apprenticeship"),
    TRAINING: Text("Koulutussopimus", "Utbildningsavtal", "Training agreement"),
}
QUESTIONS = {
    APPRENTICESHIP: Text("Milloin oppisopimus?", "När läroavtal?", "When an apprenticeship?"),
    TRAINING: Text("Milloin koulutussopimus?", "När utbildningsavtal?", "When a training agreement?"),
}

# L531: in both, the provider makes sure of the workplace's prerequisites, and the employer
# names a responsible workplace instructor.
BOTH_MODELS = Text(
    "Molemmissa malleissa varmistetaan, että työpaikalla on opiskelua vastaavia työtehtäviä, "
    "riittävästi tuotanto- tai palvelutoimintaa, tarvittavat työvälineet sekä osaavaa henkilöstöä, "
    "josta työnantaja nimeää vastuullisen työpaikkaohjaajan.",
    "I båda modellerna säkerställs att arbetsplatsen har arbetsuppgifter som motsvarar studierna, "
    "tillräckligt med produktions- eller serviceverksamhet, de redskap som behövs och kunnig "
    "personal, av vilken arbetsgivaren utser en ansvarig arbetsplatshandledare.",
    "In both, the provider makes sure that the workplace has work tasks that match the studies, "
    "enough production or service activity, the necessary tools, and competent staff, from whom "
    "the employer names a responsible workplace instructor.",
    source="L531",
)
BOTH_MODELS_HEADING = Text("Molemmissa malleissa", "I båda modellerna", "In both")
# The workbook's "lesän ajalle" is an extraction error for "kesän ajalle" (domain reference).
SUMMER = Text(
    "Tiesitkö, että oppisopimuksen ja koulutussopimuksen voi tehdä myös kesän ajalle?",
    "Visste du att läroavtal och utbildningsavtal också kan ingås för sommaren?",
    "Did you know that apprenticeships and training agreements can also be made for the summer?",
    source="GUIDE",
)
CHECK_PRACTICES = {
    "employer": Text(
        "Käytännöt vaihtelevat oppilaitoksittain: kysy meiltä, miten sopimukset tehdään meillä.",
        "Praxis varierar mellan läroanstalter: fråga oss hur avtalen görs hos oss.",
        "Practices vary between institutions: ask us how the agreements are made here.",
    ),
    "student": Text(
        "Käytännöt vaihtelevat oppilaitoksittain: kysy opettajaltasi, miten sopimukset tehdään meillä.",
        "Praxis varierar mellan läroanstalter: fråga din lärare hur avtalen görs hos oss.",
        "Practices vary between institutions: ask your teacher how the agreements are made here.",
    ),
    "teacher": Text(
        "Tarkistathan oman oppilaitoksesi sopimuksiin liittyvät käytännöt ja hyödynnä sen "
        "asiantuntijoita, esimerkiksi oppisopimusasioissa.",
        "Kontrollera din egen läroanstalts praxis för avtalen och ta hjälp av dess experter, "
        "till exempel i frågor om läroavtal.",
        "Check your own institution's practices for the agreements and use its experts, for "
        "example on apprenticeship questions.",
    ),
}
TEACHER_ONLY = Text(
    "Vain oppilaitoksen sisäiseen käyttöön.",
    "Endast för internt bruk vid läroanstalten.",
    "For internal use at the institution only.",
)
TEACHER_ALSO = Text(
    "Hyödynnä myös työnantajan ja opiskelijan esitteitä.",
    "Använd också broschyrerna för arbetsgivare och studerande.",
    "Use the employer and student versions as well.",
)
LOCAL_PRACTICE_HEADING = Text("Meidän käytäntömme", "Vår praxis", "Our practice")
CONTACTS_HEADING = Text("Yhteystiedot", "Kontaktuppgifter", "Contact us")

# Defaults of the institution's editable parts (BrochureText), used until a coordinator writes
# their own. The funding sentence comes from the workbook; no public source confirmed it, so it
# stays editable (domain reference).
DEFAULT_INTRODUCTION = {
    "employer": Text(
        "Yhdistele oppisopimusta ja koulutussopimusta tarpeidesi mukaan – joustavasti, "
        "yksilöllisesti ja laajemman osaamisen hankkimiseksi.",
        "Kombinera läroavtal och utbildningsavtal efter dina behov – flexibelt, individuellt och "
        "för ett bredare kunnande.",
        "Combine apprenticeships and training agreements as you need – flexibly, individually and "
        "for broader competence.",
    ),
    "student": Text(
        "Yhdistele oppisopimusta ja koulutussopimusta omien ja työpaikkasi tarpeiden ja "
        "mahdollisuuksien mukaan – joustavasti, yksilöllisesti ja laajemman osaamisen hankkimiseksi.",
        "Kombinera läroavtal och utbildningsavtal efter dina och arbetsplatsens behov och "
        "möjligheter – flexibelt, individuellt och för ett bredare kunnande.",
        "Combine apprenticeships and training agreements to suit your needs and your workplace's – "
        "flexibly, individually and for broader competence.",
    ),
    "teacher": Text(
        "Yhdistele oppisopimusta ja koulutussopimusta opiskelijan ja työnantajan tarpeiden ja "
        "mahdollisuuksien mukaan. Ohjaa jokainen asiakas hänelle sopivaan malliin.",
        "Kombinera läroavtal och utbildningsavtal efter den studerandes och arbetsgivarens behov "
        "och möjligheter. Vägled varje kund till den modell som passar hen.",
        "Combine apprenticeships and training agreements to suit the student's and the employer's "
        "needs and possibilities. Guide each customer to the model that suits them.",
    ),
}
DEFAULT_FUNDING_NOTE = Text(
    "Molemmat mallit ovat koulutuksen järjestäjän rahoituksen kannalta samanarvoisia.",
    "Båda modellerna är likvärdiga för utbildningsanordnarens finansiering.",
    "Both models are equal for the education provider's funding.",
)


def bullets(*items: Text) -> tuple[Text, ...]:
    return items


# --- Employer: "you" is the employer --------------------------------------------------------
ALL_AGES_FROM_15 = Text(
    "Sopii kaikenikäisille 15 vuotta täyttäneille.",
    "Passar för alla åldrar från 15 år.",
    "Suits all ages from 15.",
    source="L531",
)
PLANNED_TOGETHER = Text(
    "Suunnitellaan aina yhdessä työnantajan kanssa.",
    "Planeras alltid tillsammans med arbetsgivaren.",
    "Always planned together with the employer.",
    source="L531",
)
WHOLE_QUALIFICATION = Text(
    "Voidaan sopia tutkinnon osan, useamman osan tai koko tutkinnon suorittamiseen.",
    "Kan avtalas för en examensdel, flera delar eller hela examen.",
    "Can cover one qualification unit, several, or the whole qualification.",
    source="L531",
)
TYPICAL_DAYS = Text(
    "Tyypillisesti 1–5 päivää viikossa; määrä sovitaan yksilöllisesti.",
    "Vanligen 1–5 dagar i veckan; omfattningen avtalas individuellt.",
    "Typically 1–5 days a week; the amount is agreed individually.",
    source="GUIDE",
)

EMPLOYER = {
    APPRENTICESHIP: bullets(
        Text(
            "Oppisopimuksella hankitaan ja vahvistetaan osaamista ammattia opiskelevalle, "
            "rekrytoitavalle tai jo työssä olevalle henkilölle.",
            "Med läroavtal skaffar och stärker man kunnandet hos en person som studerar ett yrke, "
            "en nyrekryterad eller en person som redan arbetar.",
            "An apprenticeship builds and strengthens the competence of someone studying a "
            "profession, a new recruit or a person already at work.",
            source="L531",
        ),
        PLANNED_TOGETHER,
        Text(
            "Opiskelija on työsuhteessa teihin: kirjallinen määräaikainen työsopimus sekä "
            "koulutuksen järjestäjän kanssa tehtävä kirjallinen sopimus, joka perustuu opiskelijan "
            "HOKSiin.",
            "Den studerande är anställd hos er: ett skriftligt visstidsanställningsavtal och ett "
            "skriftligt avtal med utbildningsanordnaren som bygger på den studerandes PUK.",
            "The student is your employee: a written fixed-term employment contract, plus a "
            "written agreement with the education provider that follows the student's HOKS.",
            source="L531, TSL",
        ),
        ALL_AGES_FROM_15,
        Text(
            "Työaika on keskimäärin vähintään 25 tuntia viikossa; opiskelu muissa "
            "oppimisympäristöissä lasketaan mukaan.",
            "Arbetstiden är i genomsnitt minst 25 timmar i veckan; studier i andra lärmiljöer räknas med.",
            "Working time is on average at least 25 hours a week; studies in other learning "
            "environments count.",
            source="L531",
        ),
        Text(
            "Maksatte opiskelijalle työehtosopimuksen (TES) mukaista palkkaa.",
            "Ni betalar den studerande lön enligt kollektivavtalet.",
            "You pay the student a wage under the collective agreement.",
            source="TSL",
        ),
        Text(
            "Teille voidaan maksaa erikseen sovittavaa koulutuskorvausta.",
            "Ni kan få en separat överenskommen utbildningsersättning.",
            "A separately agreed training compensation may be paid to you.",
            source="L531",
        ),
        WHOLE_QUALIFICATION,
        Text(
            "Sopimuksen tekevät opiskelija, työnantaja ja koulutuksen järjestäjä.",
            "Avtalet ingås av den studerande, arbetsgivaren och utbildningsanordnaren.",
            "The agreement is made by the student, you and the education provider.",
            source="L531",
        ),
    ),
    TRAINING: bullets(
        Text(
            "Koulutussopimuksella opiskelija hankkii ja vahvistaa osaamistaan työpaikalla "
            "opiskelijana (entinen työssäoppiminen).",
            "Med utbildningsavtal skaffar och stärker den studerande sitt kunnande på "
            "arbetsplatsen som studerande (tidigare inlärning i arbetet).",
            "On a training agreement the student gains and strengthens competence at your "
            "workplace as a student (formerly on-the-job learning).",
            source="L531",
        ),
        PLANNED_TOGETHER,
        Text(
            "Opiskelija ei ole työsuhteessa teihin, vaan pysyy opiskelijana.",
            "Den studerande är inte anställd hos er utan förblir studerande.",
            "The student is not your employee and stays a student.",
            source="L531",
        ),
        Text(
            "Sopii kaikenikäisille; alle 18-vuotiaita koskevat nuorten työntekijöiden säännökset.",
            "Passar för alla åldrar; för personer under 18 år gäller reglerna om unga arbetstagare.",
            "Suits all ages; for under-18s the rules on young workers apply.",
            source="NTL",
        ),
        TYPICAL_DAYS,
        Text(
            "Ette maksa opiskelijalle palkkaa ettekä muuta korvausta.",
            "Ni betalar ingen lön eller annan ersättning till den studerande.",
            "You pay the student no wage and no other compensation.",
            source="L531",
        ),
        Text(
            "Teille ei makseta koulutuskorvausta (poikkeuksena vaativaa erityistä tukea tarvitseva "
            "opiskelija).",
            "Ni får ingen utbildningsersättning (undantag: en studerande som behöver krävande "
            "särskilt stöd).",
            "No training compensation is paid to you (the exception: a student who needs demanding "
            "special support).",
            source="L531",
        ),
        Text(
            "Suunnitellaan ja toteutetaan tutkinnon osa tai sitä pienempi kokonaisuus kerrallaan, "
            "tai useampi tutkinnon osa.",
            "Planeras och genomförs en examensdel eller en mindre helhet åt gången, eller flera "
            "examensdelar.",
            "Planned and carried out one qualification unit or a smaller part at a time, or several units.",
            source="L531",
        ),
        Text(
            "Sopimuksen tekevät työnantaja ja koulutuksen järjestäjä; opiskelija saa sopimuksen tiedoksi.",
            "Avtalet ingås av arbetsgivaren och utbildningsanordnaren; den studerande får del av avtalet.",
            "The agreement is made by you and the education provider; the student is informed of it.",
            source="L531",
        ),
    ),
}

# --- Student: "you" is the student ----------------------------------------------------------
STUDENT = {
    APPRENTICESHIP: bullets(
        Text(
            "Oppisopimuksella hankit ja vahvistat osaamistasi työsuhteessa.",
            "Med läroavtal skaffar och stärker du ditt kunnande i ett anställningsförhållande.",
            "On an apprenticeship you build and strengthen your competence as an employee.",
            source="L531",
        ),
        Text(
            "Opit pääasiassa työpaikalla; opiskelet myös oppilaitoksessa ja verkossa.",
            "Du lär dig främst på arbetsplatsen och studerar också vid läroanstalten och på nätet.",
            "You learn mainly at the workplace, and also study at the institution and online.",
            source="L531",
        ),
        Text(
            "Suunnitellaan aina yhdessä työnantajan kanssa. Sinusta tulee työntekijä, jolla on "
            "määräaikainen työsopimus.",
            "Planeras alltid tillsammans med arbetsgivaren. Du blir anställd med ett "
            "visstidsanställningsavtal.",
            "Always planned together with the employer. You become an employee on a fixed-term "
            "employment contract.",
            source="L531, TSL",
        ),
        ALL_AGES_FROM_15,
        Text(
            "Työskentelet keskimäärin vähintään 25 tuntia viikossa.",
            "Du arbetar i genomsnitt minst 25 timmar i veckan.",
            "You work on average at least 25 hours a week.",
            source="L531",
        ),
        Text(
            "Sinulle maksetaan työehtosopimuksen mukaista palkkaa.",
            "Du får lön enligt kollektivavtalet.",
            "You are paid a wage under the collective agreement.",
            source="TSL",
        ),
        # Apprentices get the study-related benefits for unpaid study days, never the study grant.
        Text(
            "Palkattomilta opiskelupäiviltä oppilaitoksessa voit saada päivärahaa, perheavustusta "
            "sekä matka- ja majoituskorvausta.",
            "För obetalda studiedagar vid läroanstalten kan du få dagpenning, familjebidrag samt "
            "rese- och inkvarteringsersättning.",
            "For unpaid study days at the institution you can get a daily allowance, a family "
            "allowance, and travel and accommodation allowances.",
            source="L531",
        ),
        WHOLE_QUALIFICATION,
        Text(
            "Sopimuksen tekevät sinä, työnantaja ja koulutuksen järjestäjä.",
            "Avtalet ingås av dig, arbetsgivaren och utbildningsanordnaren.",
            "The agreement is made by you, the employer and the education provider.",
            source="L531",
        ),
    ),
    TRAINING: bullets(
        Text(
            "Koulutussopimuksella hankit ja vahvistat osaamistasi työpaikalla opiskelijana "
            "(entinen työssäoppiminen).",
            "Med utbildningsavtal skaffar och stärker du ditt kunnande på arbetsplatsen som "
            "studerande (tidigare inlärning i arbetet).",
            "On a training agreement you build and strengthen your competence at a workplace as a "
            "student (formerly on-the-job learning).",
            source="L531",
        ),
        Text(
            "Suunnitellaan aina yhdessä työnantajan kanssa. Pysyt opiskelijana etkä ole työsuhteessa.",
            "Planeras alltid tillsammans med arbetsgivaren. Du förblir studerande och är inte anställd.",
            "Always planned together with the employer. You stay a student and are not employed.",
            source="L531",
        ),
        Text("Sopii kaikenikäisille.", "Passar för alla åldrar.", "Suits all ages.", source="L531"),
        TYPICAL_DAYS,
        Text(
            "Työnantaja ei maksa sinulle palkkaa eikä muuta korvausta.",
            "Arbetsgivaren betalar dig ingen lön eller annan ersättning.",
            "The employer pays you no wage and no other compensation.",
            source="L531",
        ),
        Text(
            "Saat opintotukea ja muita opiskelijan etuja.",
            "Du får studiestöd och andra förmåner för studerande.",
            "You get the study grant and other student benefits.",
            source="OTL",
        ),
        Text(
            "Suoritat tutkinnon osan tai sitä pienemmän kokonaisuuden kerrallaan, tai useamman "
            "tutkinnon osan.",
            "Du avlägger en examensdel eller en mindre helhet åt gången, eller flera examensdelar.",
            "You complete one qualification unit or a smaller part at a time, or several units.",
            source="L531",
        ),
        Text(
            "Sopimuksen tekevät työnantaja ja koulutuksen järjestäjä; saat sopimuksen tiedoksi.",
            "Avtalet ingås av arbetsgivaren och utbildningsanordnaren; du får del av avtalet.",
            "The agreement is made by the employer and the education provider; you are informed of it.",
            source="L531",
        ),
    ),
}

# --- Teacher: the student and the employer in the third person, with the finer points ---------
TEACHER = {
    APPRENTICESHIP: bullets(
        Text(
            "Ammattia opiskelevalle, rekrytoitavalle tai jo työssä olevalle henkilölle.",
            "För den som studerar ett yrke, en nyrekryterad eller en person som redan arbetar.",
            "For someone studying a profession, a new recruit or a person already at work.",
            source="L531",
        ),
        Text(
            "Suunnitellaan aina yhdessä työnantajan kanssa opiskelijan HOKSin pohjalta.",
            "Planeras alltid tillsammans med arbetsgivaren utgående från den studerandes PUK.",
            "Always planned together with the employer, from the student's HOKS.",
            source="L531",
        ),
        Text(
            "Opiskelija on työsuhteessa: kirjallinen määräaikainen työsopimus sekä järjestäjän ja "
            "työnantajan kirjallinen sopimus.",
            "Den studerande är anställd: ett skriftligt visstidsanställningsavtal och ett skriftligt "
            "avtal mellan anordnaren och arbetsgivaren.",
            "The student is employed: a written fixed-term employment contract, plus a written "
            "agreement between the provider and the employer.",
            source="L531, TSL",
        ),
        ALL_AGES_FROM_15,
        Text(
            "Keskimäärin vähintään 25 h/viikko; muissa oppimisympäristöissä opiskelu lasketaan "
            "mukaan, ja samanaikaiset oppisopimukset usean työnantajan kanssa voivat yhdessä "
            "täyttää sen.",
            "I genomsnitt minst 25 h/vecka; studier i andra lärmiljöer räknas med, och samtidiga "
            "läroavtal med flera arbetsgivare kan tillsammans uppfylla kravet.",
            "On average at least 25 h/week; studies in other learning environments count, and "
            "concurrent apprenticeships with several employers may together make it up.",
            source="L531",
        ),
        Text(
            "Työehtosopimuksen (TES) mukainen palkka.",
            "Lön enligt kollektivavtalet.",
            "A wage under the collective agreement.",
            source="TSL",
        ),
        Text(
            "Työnantajalle voidaan maksaa erikseen sovittavaa, veronalaista koulutuskorvausta "
            "tapauskohtaisesti.",
            "Arbetsgivaren kan få en separat överenskommen, skattepliktig utbildningsersättning "
            "från fall till fall.",
            "A separately agreed, taxable training compensation may be paid to the employer, case by case.",
            source="L531",
        ),
        Text(
            "Palkattomilta opiskelupäiviltä päiväraha, perheavustus sekä matka- ja "
            "majoituskorvaus, ei opintotukea.",
            "För obetalda studiedagar dagpenning, familjebidrag samt rese- och "
            "inkvarteringsersättning, inte studiestöd.",
            "For unpaid study days: daily and family allowances, travel and accommodation "
            "allowances; not the study grant.",
            source="L531, OTL",
        ),
        Text(
            "Tutkinnon osa, useampi osa tai koko tutkinto.",
            "En examensdel, flera delar eller hela examen.",
            "One qualification unit, several, or the whole qualification.",
            source="L531",
        ),
        Text(
            "Allekirjoittajat: opiskelija, työnantaja ja koulutuksen järjestäjä.",
            "Undertecknas av den studerande, arbetsgivaren och utbildningsanordnaren.",
            "Signed by the student, the employer and the education provider.",
            source="L531",
        ),
        Text(
            "Yrittäjä voi kouluttautua omassa yrityksessään (yrittäjän oppisopimus).",
            "En företagare kan utbilda sig i sitt eget företag (företagares läroavtal).",
            "An entrepreneur can train in their own company (entrepreneur's apprenticeship).",
            source="L531",
        ),
        Text(
            "Ennenaikainen päättyminen: purkaminen, josta kirjataan päivä ja syy.",
            "Avslutning i förtid: hävning, med datum och orsak.",
            "Ending early: termination, with a date and a reason.",
            source="L531, TSL",
        ),
    ),
    TRAINING: bullets(
        Text(
            "Opiskelijalle, joka hankkii osaamista työpaikalla (entinen työssäoppiminen).",
            "För en studerande som skaffar kunnande på en arbetsplats (tidigare inlärning i arbetet).",
            "For a student acquiring competence at a workplace (formerly on-the-job learning).",
            source="L531",
        ),
        Text(
            "Suunnitellaan aina yhdessä työnantajan kanssa opiskelijan HOKSin pohjalta.",
            "Planeras alltid tillsammans med arbetsgivaren utgående från den studerandes PUK.",
            "Always planned together with the employer, from the student's HOKS.",
            source="L531",
        ),
        Text(
            "Opiskelija ei ole työsuhteessa, vaan pysyy opiskelijana.",
            "Den studerande är inte anställd utan förblir studerande.",
            "The student is not employed and stays a student.",
            source="L531",
        ),
        Text(
            "Kaikenikäisille; alle 18-vuotiaille nuorten työntekijöiden säännöt, esimerkiksi ei "
            "vaarallisia töitä ilman vaadittuja järjestelyjä.",
            "Alla åldrar; för personer under 18 år gäller reglerna om unga arbetstagare, till "
            "exempel inget farligt arbete utan de arrangemang som krävs.",
            "All ages; under-18s follow the young-workers rules, for example no hazardous work "
            "without the required arrangements.",
            source="NTL",
        ),
        Text(
            "Tyypillisesti 1–5 päivää viikossa (ohje, ei laki: rajat tulevat työpaikan "
            "säännöllisestä työajasta sekä työaika- ja nuorten työntekijöiden säännöistä).",
            "Vanligen 1–5 dagar i veckan (en riktlinje, inte lag: gränserna följer arbetsplatsens "
            "ordinarie arbetstid samt reglerna om arbetstid och unga arbetstagare).",
            "Typically 1–5 days a week (guidance, not law: the limits are the workplace's regular "
            "hours and the working-hours and young-workers rules).",
            source="GUIDE, NTL",
        ),
        Text(
            "Työnantaja ei maksa palkkaa eikä muuta korvausta.",
            "Arbetsgivaren betalar ingen lön eller annan ersättning.",
            "No wage and no other compensation from the employer.",
            source="L531",
        ),
        Text(
            "Ei koulutuskorvausta työnantajalle; poikkeus on vaativaa erityistä tukea tarvitseva "
            "opiskelija, ja syy kirjataan.",
            "Ingen utbildningsersättning till arbetsgivaren; undantaget är en studerande som "
            "behöver krävande särskilt stöd, och orsaken antecknas.",
            "No training compensation to the employer; the exception is a student who needs "
            "demanding special support, with the reason recorded.",
            source="L531",
        ),
        Text(
            "Opintotuki ja muut opiskelijan etuudet.",
            "Studiestöd och andra förmåner för studerande.",
            "The study grant and other student benefits.",
            source="OTL",
        ),
        Text(
            "Tutkinnon osa tai sitä pienempi kokonaisuus kerrallaan, tai useampi osa.",
            "En examensdel eller en mindre helhet åt gången, eller flera delar.",
            "One qualification unit or a smaller part at a time, or several units.",
            source="L531",
        ),
        Text(
            "Allekirjoittajat: työnantaja ja koulutuksen järjestäjä; opiskelija saa sopimuksen tiedoksi.",
            "Undertecknas av arbetsgivaren och utbildningsanordnaren; den studerande får del av avtalet.",
            "Signed by the employer and the education provider; the student is informed.",
            source="L531",
        ),
        Text(
            "Ennenaikainen päättyminen: yhteisestä sopimuksesta tai osapuolen päätöksellä toista kuultuaan.",
            "Avslutning i förtid: genom gemensam överenskommelse eller av en part efter att den "
            "andra har hörts.",
            "Ending early: by mutual consent, or by either party after hearing the other.",
            source="L531",
        ),
    ),
}

BULLETS = {"employer": EMPLOYER, "student": STUDENT, "teacher": TEACHER}


def columns(audience: str, language: str) -> list[dict]:
    """The two side-by-side columns of a brochure, apprenticeship first."""
    return [
        {
            "kind": kind,
            "heading": HEADINGS[kind].get(language),
            "question": QUESTIONS[kind].get(language),
            "bullets": [item.get(language) for item in BULLETS[audience][kind]],
        }
        for kind in (APPRENTICESHIP, TRAINING)
    ]
