"""Our own checklists (muistilistat) for the workplace instructor, the student and the teacher:
what to do before, during and after a work period, drawn from the eight critical checkpoints
(each item names the checkpoint it serves; the PDF prints the checkpoint's name from the
database). The workbook only points to checklists; these are written for Kumppani, and the
legal facts in them follow the domain reference (Act 531/2017)."""

from typing import NamedTuple

from .content import Text

CHECKLIST_AUDIENCES = ("instructor", "student", "teacher")
PHASES = ("before", "during", "after")

CHECKLIST_TITLE = {
    "instructor": Text(
        "Muistilista työpaikkaohjaajalle",
        "Minneslista för arbetsplatshandledaren",
        "Checklist for the workplace instructor",
    ),
    "student": Text(
        "Muistilista opiskelijalle", "Minneslista för den studerande", "Checklist for the student"
    ),
    "teacher": Text("Muistilista opettajalle", "Minneslista för läraren", "Checklist for the teacher"),
}
CHECKLIST_SUBTITLE = Text(
    "Ennen työpaikkajaksoa, sen aikana ja sen jälkeen",
    "Före, under och efter arbetsplatsperioden",
    "Before, during and after a work period",
)
CHECKPOINT_LABEL = Text("Kriittinen piste", "Kritisk punkt", "Checkpoint")
PHASE_NAMES = {
    "before": Text("Ennen jaksoa", "Före perioden", "Before the period"),
    "during": Text("Jakson aikana", "Under perioden", "During the period"),
    "after": Text("Jakson jälkeen", "Efter perioden", "After the period"),
}
FILENAME_CHECKLIST = {
    "fi": {
        "instructor": "muistilista-tyopaikkaohjaaja",
        "student": "muistilista-opiskelija",
        "teacher": "muistilista-opettaja",
    },
    "sv": {
        "instructor": "minneslista-handledare",
        "student": "minneslista-studerande",
        "teacher": "minneslista-larare",
    },
    "en": {
        "instructor": "checklist-instructor",
        "student": "checklist-student",
        "teacher": "checklist-teacher",
    },
}
CHECKLIST_AUDIENCE_NAMES = {
    "instructor": Text("Työpaikkaohjaaja", "Arbetsplatshandledare", "Workplace instructor"),
    "student": Text("Opiskelija", "Studerande", "Student"),
    "teacher": Text("Opettaja", "Lärare", "Teacher"),
}


class Item(NamedTuple):
    """One checklist item. `key` names it for good: an institution's own wording of it is
    stored under "item_<key>" (brochures/texts.py), so an item moved or inserted before it
    keeps every wording on the item it was written for. A new item needs a new key; a key is
    never reused for another item."""

    key: str
    checkpoint: int
    text: Text


def item(key: str, checkpoint: int, fi: str, sv: str, en: str, source: str = "") -> Item:
    """A checklist item; one that states the law carries its `source` and cannot be reworded
    (brochures/texts.py), like the brochures' legal statements."""
    return Item(key, checkpoint, Text(fi, sv, en, source=source))


CHECKLISTS = {
    "instructor": {
        "before": (
            item(
                "instructor_know_contact",
                1,
                "Tiedät, kuka oppilaitoksessa vastaa yhteistyöstä ja miten hänet tavoittaa.",
                "Du vet vem som ansvarar för samarbetet vid läroanstalten och hur du når hen.",
                "You know who is responsible for the partnership at the institution and how to reach them.",
            ),
            item(
                "instructor_plan_period",
                3,
                "Suunnittele jakso yhdessä opiskelijan ja opettajan kanssa: työtehtävät, tavoitteet ja työajat.",
                "Planera perioden tillsammans med den studerande och läraren: arbetsuppgifter, mål och arbetstider.",
                "Plan the period with the student and the teacher: work tasks, goals and working hours.",
            ),
            item(
                "instructor_induction",
                4,
                "Osallistu työpaikkaohjaajan perehdytykseen ja tutustu tutkinnon osan ammattitaitovaatimuksiin.",
                "Delta i introduktionen för arbetsplatshandledare och bekanta dig med examensdelens yrkeskrav.",
                "Take part in the instructor induction and read the qualification unit's requirements.",
            ),
            item(
                "instructor_set_time",
                4,
                "Varaa aikaa ohjaukselle ja kerro työyhteisölle, kuka opiskelija tulee ja milloin.",
                "Reservera tid för handledning och berätta för arbetsgemenskapen vem som kommer och när.",
                "Set aside time for instruction and tell your colleagues who is coming and when.",
            ),
            item(
                "instructor_absences",
                5,
                "Sovi, kenelle ilmoitat poissaoloista, ongelmista ja muutoksista.",
                "Kom överens om vem du meddelar frånvaro, problem och förändringar.",
                "Agree whom you tell about absences, problems and changes.",
            ),
        ),
        "during": (
            item(
                "instructor_introduce",
                4,
                "Perehdytä opiskelija työpaikkaan, työturvallisuuteen ja työtehtäviin ensimmäisenä päivänä.",
                "Introducera den studerande i arbetsplatsen, arbetarskyddet och uppgifterna den första dagen.",
                "Introduce the student to the workplace, safety at work and the tasks on the first day.",
            ),
            item(
                "instructor_feedback",
                4,
                "Anna opiskelijalle palautetta säännöllisesti ja kerro, miten oppiminen etenee.",
                "Ge den studerande respons regelbundet och berätta hur lärandet framskrider.",
                "Give the student regular feedback on how their learning is progressing.",
            ),
            item(
                "instructor_interruption",
                5,
                "Ota heti yhteyttä opettajaan, jos jakso keskeytyy tai suunnitelma muuttuu.",
                "Kontakta läraren genast om perioden avbryts eller planen ändras.",
                "Contact the teacher at once if the period is interrupted or the plan changes.",
            ),
            item(
                "instructor_demonstration",
                7,
                "Sovi opettajan kanssa näytön ajankohta ja arvioijat hyvissä ajoin.",
                "Kom i god tid överens med läraren om tidpunkten för yrkesprovet och bedömarna.",
                "Agree the skills demonstration's date and assessors with the teacher in good time.",
            ),
        ),
        "after": (
            item(
                "instructor_national_feedback",
                6,
                "Vastaa kansalliseen työelämäpalautteeseen, joka tulee sinulle sähköpostilla jakson jälkeen.",
                "Svara på den nationella arbetslivsresponsen som du får per e-post efter perioden.",
                "Answer the national working-life feedback survey that reaches you by e-mail after the period.",
            ),
            item(
                "instructor_what_worked",
                6,
                "Kerro opettajalle, mikä toimi ja mitä voisimme tehdä paremmin.",
                "Berätta för läraren vad som fungerade och vad vi kunde göra bättre.",
                "Tell the teacher what worked and what we could do better.",
            ),
            item(
                "instructor_more_students",
                8,
                "Kerro, jos haluatte ottaa opiskelijoita myös jatkossa tai rekrytoida.",
                "Berätta om ni vill ta emot studerande också i fortsättningen eller rekrytera.",
                "Let us know if you want to take students again or to recruit.",
            ),
        ),
    },
    "student": {
        "before": (
            item(
                "student_hoks",
                2,
                "Käy HOKSisi läpi: mitä osaat jo ja mitä jaksolla on tarkoitus oppia.",
                "Gå igenom din PUK: vad du redan kan och vad du ska lära dig under perioden.",
                "Go through your HOKS: what you can already do and what the period is for.",
            ),
            item(
                "student_planning",
                3,
                "Osallistu suunnitteluun työpaikan ja opettajan kanssa; tiedät työajat, paikan ja ohjaajasi.",
                "Delta i planeringen med arbetsplatsen och läraren; du vet arbetstider, plats och handledare.",
                "Take part in planning with the workplace and the teacher; know your hours, the place and your instructor.",
            ),
            item(
                "student_safety",
                2,
                "Selvitä työvaatetus, turvallisuusohjeet ja tarvittavat luvat tai todistukset.",
                "Ta reda på arbetskläder, säkerhetsanvisningar och behövliga tillstånd eller intyg.",
                "Find out about work clothing, safety instructions and any permits or certificates you need.",
            ),
            item(
                "student_agreement_type",
                3,
                "Tarkista sopimuksen tyyppi: oppisopimuksessa olet työsuhteessa, koulutussopimuksessa opiskelija.",
                "Kontrollera avtalets typ: med läroavtal är du anställd, med utbildningsavtal studerande.",
                "Check the agreement type: on an apprenticeship you are employed, on a training agreement a student.",
                source="L531, TSL",
            ),
        ),
        "during": (
            item(
                "student_ask",
                4,
                "Kysy, kun et tiedä; pyydä palautetta työpaikkaohjaajaltasi.",
                "Fråga när du inte vet; be din arbetsplatshandledare om respons.",
                "Ask when you do not know; ask your workplace instructor for feedback.",
            ),
            item(
                "student_absence",
                5,
                "Ilmoita poissaoloista sekä työpaikalle että opettajalle heti.",
                "Meddela frånvaro både till arbetsplatsen och till läraren genast.",
                "Report any absence to both the workplace and the teacher at once.",
            ),
            item(
                "student_not_working",
                5,
                "Kerro opettajalle, jos jokin ei toimi – asiat voidaan korjata yhdessä.",
                "Berätta för läraren om något inte fungerar – det kan rättas till tillsammans.",
                "Tell the teacher if something is not working – it can be put right together.",
            ),
            item(
                "student_demonstration",
                7,
                "Valmistaudu näyttöön: tiedät ajan, paikan ja arvioijat.",
                "Förbered dig för yrkesprovet: du vet tid, plats och bedömare.",
                "Prepare for the skills demonstration: know its date, place and assessors.",
            ),
        ),
        "after": (
            item(
                "student_feedback",
                6,
                "Vastaa opiskelijapalautteeseen: se auttaa kehittämään jaksoja.",
                "Svara på studerandes respons: den hjälper oss att utveckla perioderna.",
                "Answer the student feedback: it helps us improve the periods.",
            ),
            item(
                "student_update_hoks",
                2,
                "Päivitä HOKSisi opettajan kanssa: mitä opit ja mitä seuraavaksi.",
                "Uppdatera din PUK med läraren: vad du lärde dig och vad som följer.",
                "Update your HOKS with the teacher: what you learned and what comes next.",
            ),
            item(
                "student_thank",
                8,
                "Kiitä työpaikkaa – siitä voi tulla tuleva työnantajasi.",
                "Tacka arbetsplatsen – den kan bli din framtida arbetsgivare.",
                "Thank the workplace – it may become your future employer.",
            ),
        ),
    },
    "teacher": {
        "before": (
            item(
                "teacher_log_contact",
                1,
                "Kirjaa yhteydenotto ja varmista, että työnantajalla on vastuuhenkilö oppilaitoksessa.",
                "Registrera kontakten och se till att arbetsgivaren har en ansvarsperson vid läroanstalten.",
                "Log the contact and make sure the employer has a responsible person at the institution.",
            ),
            item(
                "teacher_readiness",
                2,
                "Varmista opiskelijan valmiudet ja HOKS ennen jaksoa.",
                "Säkerställ den studerandes färdigheter och PUK före perioden.",
                "Make sure of the student's readiness and HOKS before the period.",
            ),
            item(
                "teacher_prerequisites",
                3,
                "Tarkista työpaikan edellytykset ja suunnittele jakso yhdessä työnantajan kanssa ennen alkua.",
                "Kontrollera arbetsplatsens förutsättningar och planera perioden med arbetsgivaren före starten.",
                "Check the workplace's prerequisites and plan the period with the employer before it starts.",
            ),
            item(
                "teacher_induct_instructor",
                4,
                "Perehdytä työpaikkaohjaaja ennen jakson alkua ja kirjaa perehdytys.",
                "Introducera arbetsplatshandledaren före periodens början och registrera introduktionen.",
                "Induct the workplace instructor before the period starts and record it.",
            ),
            item(
                "teacher_feedback_data",
                6,
                "Tallenna kansallisen palautteen tarvitsemat tiedot ajoissa: Y-tunnus, ohjaajan yhteystiedot, osa-aikaisuus.",
                "Spara uppgifterna som den nationella responsen behöver i tid: FO-nummer, handledarens kontaktuppgifter, deltid.",
                "Record what the national feedback needs in time: business ID, the instructor's contact details, part-time percentage.",
            ),
        ),
        "during": (
            item(
                "teacher_keep_in_touch",
                4,
                "Pidä yhteyttä ohjaajaan ja opiskelijaan sovitusti; tue ohjaajaa.",
                "Håll kontakt med handledaren och den studerande som avtalat; stöd handledaren.",
                "Keep in touch with the instructor and the student as agreed; support the instructor.",
            ),
            item(
                "teacher_interruptions",
                5,
                "Kirjaa keskeytykset ja muutokset heti; sovi jatkosta kaikkien kanssa.",
                "Registrera avbrott och ändringar genast; kom överens om fortsättningen med alla.",
                "Record interruptions and changes at once; agree the next steps with everyone.",
            ),
            item(
                "teacher_demonstration",
                7,
                "Sovi näytöstä viimeistään kaksi viikkoa ennen jakson loppua; perehdytä työelämän arvioija.",
                "Planera yrkesprovet senast två veckor före periodens slut; introducera arbetslivets bedömare.",
                "Schedule the skills demonstration at least two weeks before the end; induct the working-life assessor.",
            ),
        ),
        "after": (
            item(
                "teacher_follow_feedback",
                6,
                "Seuraa työelämä- ja opiskelijapalautetta ja reagoi siihen.",
                "Följ arbetslivs- och studerandes respons och reagera på den.",
                "Follow the working-life and student feedback and react to it.",
            ),
            item(
                "teacher_thank",
                8,
                "Kiitä työpaikkaa ja ohjaajaa; kerro, mitä yhteistyö tuotti.",
                "Tacka arbetsplatsen och handledaren; berätta vad samarbetet gav.",
                "Thank the workplace and the instructor; tell them what the partnership achieved.",
            ),
            item(
                "teacher_level",
                8,
                "Kirjaa kumppanuuden taso ja sovi seuraavasta yhteydenotosta.",
                "Registrera partnerskapets nivå och kom överens om nästa kontakt.",
                "Record the partnership level and agree the next contact.",
            ),
        ),
    },
}
