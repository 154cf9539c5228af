"""A year of the demo's contact log, and the demo teacher's open follow-ups."""

import datetime

from checkpoints.models import Checkpoint
from partnerships import services
from partnerships.models import Channel

SUMMARIES = [
    ("Soitin työnjohtajalle ja sovimme kevään työpaikkajaksoista kahdelle opiskelijalle.", [3]),
    ("Kävin työpaikalla tapaamassa työpaikkaohjaajaa ja opiskelijaa. Jakso etenee hyvin.", [4]),
    ("Perehdytin uuden työpaikkaohjaajan: ohjaajan tehtävät, arviointi ja yhteystiedot.", [4]),
    ("Sovimme näytön ajankohdasta ja arvioijista.", [7]),
    ("Kiitin yritystä syksyn jaksosta ja veimme kiitoskortin.", [8]),
    ("Yritys kysyi oppisopimusmahdollisuuksista uudelle työntekijälle.", [1, 8]),
    ("Käytiin läpi opiskelijan aiempi osaaminen ja tavoitteet ennen jaksoa.", [2, 3]),
    ("Ohjaaja antoi palautetta: toivovat tiiviimpää yhteydenpitoa jakson aikana.", [6]),
    ("Opiskelijan jakso keskeytyi sairausloman vuoksi; sovimme jatkosta.", [5]),
    ("Rekrytointitapahtumassa yrityksen edustaja esitteli kesätyömahdollisuudet.", [1]),
    ("Lähetin Molempi parempi -esitteen ja tietoa koulutussopimuksesta.", [1]),
    ("Tarkistimme jakson tiedot eHOKSiin: ohjaajan puhelinnumero puuttui, nyt lisätty.", [6]),
    ("Työpaikalla vaihtui ohjaaja; sovimme perehdytyksestä uudelle ohjaajalle.", [4, 5]),
    ("Yhteispalaveri oppilaitoksella: yrityksen osaamistarpeet ensi vuodelle.", [8]),
    ("Opiskelija esitteli näyttösuunnitelman ohjaajalle ja opettajalle.", [7]),
    ("Kysyin mahdollisuutta ottaa kaksi opiskelijaa syksyllä.", [1]),
    ("Työpaikan edustaja vieraili luokassa kertomassa alan töistä.", [2]),
    ("Yritys pyysi lisätietoa koulutuskorvauksesta oppisopimuksessa.", [1]),
    ("Sovimme yhteisestä kehittämispäivästä ohjaajien kanssa.", [4, 6]),
    ("Puhelu: opiskelijan työajoista ja nuorten työntekijöiden säännöistä.", [3, 5]),
    ("Lähetin opiskelijapalautteen yhteenvedon ja kiitokset yhteistyöstä.", [6, 8]),
    ("Tapasimme messuilla, yritys kiinnostunut jatkamaan yhteistyötä.", [8]),
    ("Työpaikkaohjaajakoulutuksen kutsu lähetetty.", [4]),
    ("Keskustelimme opiskelijan motivaatiosta ja urapolusta.", [2]),
    ("Yritys ilmoitti lomautuksista; selvitimme vaikutukset oppisopimukseen.", [5]),
]


class ContactSeeding:
    """The contact log of DemoSeeder (seeder.py), which owns `rng` and `today`."""

    def contacts(self, employers, staff) -> None:
        checkpoints = {c.number: c for c in Checkpoint.objects.all()}
        teacher = staff["teacher"]
        for index, (employer, _group) in enumerate(employers):
            if index % 11 == 10:
                continue  # never contacted
            people = list(employer.people.all())
            # Some employers have gone quiet: their last contact is over 90 days ago.
            newest = self.rng.randrange(100, 200) if index % 7 == 6 else self.rng.randrange(0, 60)
            for _ in range(self.rng.randrange(3, 12)):
                summary, tags = self.rng.choice(SUMMARIES)
                author = employer.account_owner or self.rng.choice(list(staff.values()))
                services.contact_log(
                    employer=employer,
                    author=author,
                    channel=self.rng.choice(Channel.values),
                    summary=summary,
                    date=self.today - datetime.timedelta(days=self.rng.randrange(newest, 365)),
                    persons=self.rng.sample(people, k=min(len(people), self.rng.randrange(0, 3))),
                    checkpoints=[checkpoints[t] for t in tags],
                )
        # The demo teacher's open follow-ups: overdue, today and next week.
        own = [e for e, _g in employers if e.account_owner_id == teacher.pk]
        for days_ago, follow_in, note in [
            (10, -3, "Soita ja vahvista kevään jaksojen aloituspäivät."),
            (5, 0, "Lähetä näytön arviointilomake ohjaajalle."),
            (2, 6, "Varaa käynti työpaikalle jakson puoliväliin."),
            (1, 9, "Kysy mahdollisuutta oppisopimukseen kesäksi."),
        ]:
            date = self.today - datetime.timedelta(days=days_ago)
            services.contact_log(
                employer=own[days_ago % len(own)],
                author=teacher,
                channel=Channel.PHONE,
                summary="Puhelu ohjaajan kanssa jakson järjestelyistä.",
                date=date,
                follow_up_date=self.today + datetime.timedelta(days=follow_in),
                follow_up_note=note,
            )
