"""The demo institution's service promise at each critical checkpoint (workbook, part 2: each
institution writes its own), in Finnish, Swedish and English."""

from checkpoints import services
from checkpoints.models import Checkpoint
from core.models import User

PROMISES = {
    1: (
        "Vastaamme työpaikan yhteydenottoon kahden arkipäivän kuluessa, ja jokaisella työpaikalla "
        "on nimetty yhteyshenkilö.",
        "Vi svarar på arbetsplatsens kontakt inom två vardagar, och varje arbetsplats har en "
        "namngiven kontaktperson.",
        "We answer a workplace within two working days, and every workplace has a named contact.",
    ),
    2: (
        "Opiskelija tulee työpaikalle valmistautuneena: työturvallisuus ja työelämätaidot on käyty "
        "läpi ennen ensimmäistä päivää.",
        "Studeranden kommer förberedd: arbetssäkerhet och arbetslivsfärdigheter är genomgångna före "
        "första dagen.",
        "The student arrives prepared: safety at work and working-life skills are covered before the "
        "first day.",
    ),
    3: (
        "Suunnittelemme jakson yhdessä opiskelijan, työpaikkaohjaajan ja opettajan kanssa ennen sen alkua.",
        "Vi planerar perioden tillsammans med studeranden, handledaren och läraren innan den börjar.",
        "We plan the period with the student, the workplace instructor and the teacher before it starts.",
    ),
    4: (
        "Jokainen työpaikkaohjaaja perehdytetään tehtäväänsä, ja opettaja on tavoitettavissa koko "
        "jakson ajan.",
        "Varje handledare introduceras i sin uppgift, och läraren går att nå under hela perioden.",
        "Every workplace instructor is inducted, and the teacher can be reached throughout the period.",
    ),
    5: (
        "Muutoksiin ja keskeytyksiin tartutaan saman viikon aikana, ja ratkaisu sovitaan yhdessä.",
        "Förändringar och avbrott tas upp samma vecka, och lösningen avtalas tillsammans.",
        "Changes and interruptions are taken up the same week, and the solution agreed together.",
    ),
    6: (
        "Pyydämme palautteen jokaiselta jaksolta ja kerromme, mitä sen perusteella muutimme.",
        "Vi ber om respons efter varje period och berättar vad vi ändrade utifrån den.",
        "We ask for feedback after every period and tell what we changed because of it.",
    ),
    7: (
        "Näytöt suunnitellaan ja aikataulutetaan hyvissä ajoin työpaikan arjen ehdoilla.",
        "Yrkesproven planeras och tidsätts i god tid på arbetsplatsens villkor.",
        "Skills demonstrations are planned and scheduled in good time, on the workplace's terms.",
    ),
    8: (
        "Kiitämme työpaikkaa jokaisen jakson jälkeen ja kerromme opiskelijan onnistumisista.",
        "Vi tackar arbetsplatsen efter varje period och berättar om studerandens framgångar.",
        "We thank the workplace after every period and share the student's successes.",
    ),
}


def seed_promises(coordinator: User) -> None:
    checkpoints = list(Checkpoint.objects.all())
    for checkpoint in checkpoints:
        for language, text in zip(("fi", "sv", "en"), PROMISES[checkpoint.number], strict=True):
            setattr(checkpoint, f"service_promise_{language}", text)
    services.checkpoint_promises_save(by=coordinator, checkpoints=checkpoints)
