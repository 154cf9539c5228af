"""The demo institution's brochures as its own (issue 22, item 8): an introduction per audience
and our apprenticeship links in three languages, an own colour that passes WCAG AA, and one
call to action reworded, each written through the brochure services (so in their histories)."""

from brochures import services
from brochures.models import BrochureColour, BrochureText, BrochureTextOverride
from core.models import User

OWN_COLOUR = "#1f5c4a"  # the institution's green: white text on it is well above 4.5:1

TEXTS = {
    "fi": {
        "introduction_employer": "Järvilaakson ammattiopisto etsii työpaikkoja, joissa opiskelija "
        "oppii työtä tekemällä. Sovitaan yhdessä, kumpi sopimus sopii teille.",
        "introduction_student": "Työpaikalla opit alan työt oikeissa tehtävissä. Opettajasi auttaa "
        "valitsemaan sopimuksen ja työpaikan.",
        "introduction_teacher": "Tämä versio on opettajille: sopimusten ero, paikalliset käytännöt ja "
        "rahoitus yhdellä sivulla.",
        "links": "Oppisopimus | https://www.jarvilaakso.example/oppisopimus\n"
        "Koulutussopimus | https://www.jarvilaakso.example/koulutussopimus",
        "local_practice": "Sopimukset laatii vastuuopettaja yhdessä työpaikan kanssa, ja oppisopimukset "
        "käsittelee oppisopimustoimisto kahden viikon kuluessa.",
    },
    "sv": {
        "introduction_employer": "Järvilaakson ammattiopisto söker arbetsplatser där studerande lär "
        "sig genom att arbeta. Vi kommer tillsammans överens om vilket avtal som passar er.",
        "introduction_student": "På arbetsplatsen lär du dig branschens arbete i verkliga uppgifter. "
        "Din lärare hjälper dig att välja avtal och arbetsplats.",
        "links": "Läroavtal | https://www.jarvilaakso.example/laroavtal",
    },
    "en": {
        "introduction_employer": "Järvilaakso Vocational College looks for workplaces where students "
        "learn by doing the work. Let us agree together which agreement suits you.",
        "introduction_student": "At the workplace you learn the trade in real tasks. Your teacher helps "
        "you choose the agreement and the workplace.",
        "links": "Apprenticeship | https://www.jarvilaakso.example/apprenticeship",
    },
}
# The employer version's call to action in the institution's own words (Finnish).
CALL_TO_ACTION = "Soita tai kirjoita meille: kerromme, miten sopimukset tehdään Järvilaaksossa."


class BrochureSeeding:
    def brochures(self, coordinator: User) -> None:
        if BrochureText.objects.filter(language="fi").exclude(introduction_employer="").exists():
            return
        for language, data in TEXTS.items():
            services.brochure_text_update(language=language, data=data, by=coordinator)
        if not BrochureColour.objects.exists():
            services.brochure_colour_set(dark=OWN_COLOUR, by=coordinator)
        if not BrochureTextOverride.objects.exists():
            services.brochure_wording_update(
                document="brochure",
                audience="employer",
                language="fi",
                data={"check_practices": CALL_TO_ACTION},
                by=coordinator,
            )
