# ruff: noqa: E501 (reference text: long sentences read better unbroken)
"""The levels of reciprocal partnership from the workbook (part 1, "Vastavuoroinen kumppanuus",
"Ratkaisumalleja ja työkaluja" and "Kysymyksiä, joilla voit määritellä kumppanuutta"), with
the seed's typos fixed. Finnish is the workbook's; Swedish and English are ours. Loaded by a
data migration; coordinators may edit the rows afterwards.
"""

GRADIA = "https://blogit.gradia.fi/parasta_osaamista"

SERVICE_PROMISE = {
    "fi": "Kumppanuus lisää osaamista ja tuottaa enemmän opiskelijalle, työelämälle sekä oppilaitokselle. "
    "Ymmärrä, suunnittele ja toteuta – yhdessä oppii enemmän!",
    "sv": "Partnerskap ökar kunnandet och ger mer åt den studerande, arbetslivet och läroanstalten. "
    "Förstå, planera och genomför – tillsammans lär man sig mer!",
    "en": "Partnership increases competence and produces more for the student, working life and the "
    "institution. Understand, plan and implement – together you learn more!",
}

# key, order, cross-cutting, contact interval (days), names, descriptions, tools, questions
LEVELS = [
    {
        "key": "minimum",
        "order": 1,
        "cross_cutting": False,
        "contact_interval_days": 180,
        "name": ("Minimitaso", "Miniminivå", "Minimum level"),
        "description": (
            "Työelämässä oppimisen toteuttaminen yhdessä ja yhteisillä pelisäännöillä: lain määrittämä "
            "vähimmäistaso kaikille osapuolille.",
            "Lärande i arbetslivet genomförs tillsammans och med gemensamma spelregler: lagens miniminivå "
            "för alla parter.",
            "Work-based learning carried out together under shared rules: the legal minimum for all parties.",
        ),
        "tools": [
            (
                "Työelämässä oppimisen toimiva prosessi sekä opettajan ja työelämän yhteistyö",
                "En fungerande process för lärande i arbetslivet och samarbete mellan lärare och arbetsliv",
                "A working process of work-based learning and cooperation between teacher and working life",
                "",
            ),
            (
                "Työpaikkaohjaajan perehdytys",
                "Introduktion av arbetsplatshandledaren",
                "Induction of the workplace instructor",
                f"{GRADIA}/toimintamallit-ja-materiaalit/perehdytys/",
            ),
            (
                "Ohjaan.fi – tukimateriaaleja työpaikkaohjaukseen",
                "Ohjaan.fi – stödmaterial för handledning",
                "Ohjaan.fi – support material for workplace instruction",
                "https://ohjaan.fi/",
            ),
            (
                "Työelämässä oppimisen toimintaohjeet ja -säännöt",
                "Anvisningar och regler för lärande i arbetslivet",
                "Instructions and rules for work-based learning",
                "",
            ),
            (
                "ePerusteet ja laki ammatillisesta koulutuksesta: minimivaatimukset kaikille osapuolille",
                "ePerusteet och lagen om yrkesutbildning: minimikraven för alla parter",
                "ePerusteet and the Act on Vocational Education and Training: the minimum for all parties",
                "https://eperusteet.opintopolku.fi/",
            ),
        ],
        "questions": [
            (
                "Miten työelämäyhteistyö näkyy arjessa eri osapuolten näkökulmasta?",
                "Hur syns samarbetet med arbetslivet i vardagen ur de olika parternas synvinkel?",
                "How does cooperation with working life show in everyday work from each party's point of view?",
            ),
            (
                "Miten varmistetaan, että lain määrittämät minimitasot toteutuvat tasapuolisesti ja tasa-arvoisesti?",
                "Hur säkerställs att lagens miniminivåer uppfylls rättvist och jämlikt?",
                "How do we make sure the legal minimum is met fairly and equally?",
            ),
            (
                "Miten varmistetaan mahdollisuus ammattitaidon osoittamiseen sen hankkimistavasta riippumatta?",
                "Hur säkerställs möjligheten att visa yrkeskunnandet oberoende av hur det har förvärvats?",
                "How do we make sure competence can be demonstrated however it was acquired?",
            ),
            (
                "Toteutuvatko työelämässä oppimisessa ePerusteiden ammattitaitovaatimukset?",
                "Uppfylls kraven på yrkeskunnande i ePerusteet i lärandet i arbetslivet?",
                "Are the vocational skills requirements of ePerusteet met in work-based learning?",
            ),
            (
                "Miten varmistetaan riittävä ja asiantunteva opetus- ja ohjausosaaminen?",
                "Hur säkerställs tillräcklig och sakkunnig kompetens inom undervisning och handledning?",
                "How do we make sure teaching and instruction are sufficient and competent?",
            ),
        ],
    },
    {
        "key": "everyday",
        "order": 2,
        "cross_cutting": False,
        "contact_interval_days": 90,
        "name": ("Arkipäivän kumppanuus", "Vardagligt partnerskap", "Everyday partnership"),
        "description": (
            "Työelämäyhteistyö, osaamisen kehittäminen, jatkuva ja rakentava palaute, asiakasymmärrys ja "
            "asiakaskuuntelu. Tapaamiset ja tapahtumat, päivittäinen kanssakäyminen, yhteiset projektit ja vierailut.",
            "Samarbete med arbetslivet, kompetensutveckling, fortlöpande och konstruktiv respons, kundförståelse "
            "och lyssnande på kunden. Möten och evenemang, daglig kontakt, gemensamma projekt och besök.",
            "Cooperation with working life, developing competence, continuous constructive feedback, "
            "understanding and listening to the customer. Meetings and events, daily contact, joint projects and visits.",
        ),
        "tools": [
            (
                "Arvioinnin opas työpaikoille",
                "Bedömningsguide för arbetsplatser",
                "Assessment guide for workplaces",
                f"{GRADIA}/wp-content/uploads/sites/20/2018/11/1315_arvioniopas_tyopaikoille.pdf",
            ),
            (
                "Yritys- ja yrittäjävierailut, yhteiset ura- ja rekrytointitapahtumat",
                "Företags- och företagarbesök, gemensamma karriär- och rekryteringsevenemang",
                "Company and entrepreneur visits, joint career and recruitment events",
                "",
            ),
            (
                "Muistilista työpaikkaohjaajalle",
                "Minneslista för arbetsplatshandledaren",
                "Checklist for the workplace instructor",
                f"{GRADIA}/wp-content/uploads/sites/20/2019/02/Muistilista_ohjaajalle.pdf",
            ),
            (
                "Muistilista opiskelijalle",
                "Minneslista för den studerande",
                "Checklist for the student",
                f"{GRADIA}/wp-content/uploads/sites/20/2019/02/Muistilista_opiskelijalle.pdf",
            ),
            (
                "Muistilista opettajille",
                "Minneslista för lärare",
                "Checklist for teachers",
                f"{GRADIA}/wp-content/uploads/sites/20/2019/02/Muistilista_opettajille.pdf",
            ),
            (
                "Yhteistyötapaamiset, monimuotoiset työpaikkaohjaajakoulutukset, ura- ja rekrytointipalvelu",
                "Samarbetsmöten, flerformiga utbildningar för arbetsplatshandledare, karriär- och rekryteringstjänst",
                "Cooperation meetings, varied instructor training, a career and recruitment service",
                "",
            ),
        ],
        "questions": [
            (
                "Varmista oma roolisi – miten sinä toteutat ja ylläpidät työelämäyhteistyötä?",
                "Säkerställ din egen roll – hur genomför och upprätthåller du samarbetet med arbetslivet?",
                "Be clear about your own role – how do you carry out and maintain cooperation with working life?",
            ),
            (
                "Mitä yhteisiä työelämäyhteistyön tapahtumia ja tapaamisia järjestetään? Osallistutko?",
                "Vilka gemensamma evenemang och möten för samarbetet ordnas? Deltar du?",
                "What joint events and meetings with working life are held? Do you take part?",
            ),
            (
                "Toteutuuko työelämäyhteistyössä asiakaskuuntelu ja asiakasymmärrys?",
                "Lyssnar vi på kunden och förstår vi kunden i samarbetet med arbetslivet?",
                "Do we listen to and understand the customer in our cooperation with working life?",
            ),
            (
                "Missä ja miten työelämäyhteistyön toimintatavat on määritelty?",
                "Var och hur har arbetssätten för samarbetet med arbetslivet fastställts?",
                "Where and how are the ways of working with working life defined?",
            ),
            (
                "Miten työpaikkaohjaajakoulutukset on järjestetty?",
                "Hur har utbildningarna för arbetsplatshandledare ordnats?",
                "How is workplace instructor training organised?",
            ),
        ],
    },
    {
        "key": "developing",
        "order": 3,
        "cross_cutting": False,
        "contact_interval_days": 60,
        "name": ("Kehittävä kumppanuus", "Utvecklande partnerskap", "Developing partnership"),
        "description": (
            "Yhteistyön sekä työelämän ja oppilaitoksen henkilöstön osaamisen kehittäminen. Ammatillisen "
            "koulutuksen brändin luominen. Räätälöidyt ratkaisut, lisä- ja täydennyskoulutukset.",
            "Att utveckla samarbetet och kunnandet hos både arbetslivets och läroanstaltens personal. Att bygga "
            "yrkesutbildningens varumärke. Skräddarsydda lösningar, tilläggs- och fortbildning.",
            "Developing cooperation and the competence of both working life's and the institution's staff. "
            "Building the brand of vocational education. Tailored solutions, further and continuing training.",
        ),
        "tools": [
            (
                "Open Partner -malli",
                "Modellen Open Partner",
                "The Open Partner model",
                f"{GRADIA}/toimintamallit-ja-materiaalit/open-partner/",
            ),
            (
                "Open Day -vierailut",
                "Open Day-besök",
                "Open Day visits",
                f"{GRADIA}/toimintamallit-ja-materiaalit/open-day-vierailut/open-day-toimintaohjeet/",
            ),
            (
                "Selkeä hakeutumisprosessi ja vastuiden määrittely",
                "En tydlig ansökningsprocess och fastställda ansvar",
                "A clear application process and defined responsibilities",
                "",
            ),
            (
                "Henkilöstön työelämäjaksot, työelämäfoorumit, yhteiset kehittämis- ja koulutuspäivät sekä opetus "
                "työelämän tiloissa",
                "Arbetslivsperioder för personalen, arbetslivsforum, gemensamma utvecklings- och utbildningsdagar och "
                "undervisning i arbetslivets lokaler",
                "Working-life periods for staff, regular working-life forums, joint development and training days, "
                "and teaching at workplaces",
                "",
            ),
            (
                "Koulutuksen järjestäjien välinen yhteistyö, esimerkiksi hankeverkostot",
                "Samarbete mellan utbildningsanordnare, till exempel projektnätverk",
                "Cooperation between education providers, such as project networks",
                "",
            ),
            (
                "Yhteinen markkinointi ja somenäkyvyys",
                "Gemensam marknadsföring och synlighet i sociala medier",
                "Joint marketing and visibility in social media",
                "",
            ),
        ],
        "questions": [
            (
                "Miten ja ketkä kaikki osallistuvat työelämäyhteistyöhön organisaatiossa?",
                "Hur och vilka deltar i samarbetet med arbetslivet i organisationen?",
                "How, and who all, take part in cooperation with working life in the organisation?",
            ),
            (
                "Miten palautetta kerätään ja miten sitä analysoidaan?",
                "Hur samlas respons in och hur analyseras den?",
                "How is feedback collected and analysed?",
            ),
            (
                "Mitä mahdollisuuksia opettajilla ja muulla henkilöstöllä on osallistua työelämäyhteistyöhön?",
                "Vilka möjligheter har lärare och annan personal att delta i samarbetet med arbetslivet?",
                "What chances do teachers and other staff have to take part in cooperation with working life?",
            ),
            (
                "Millaisessa koulutuksen järjestäjien välisessä yhteistyössä organisaatiosi on mukana?",
                "I vilket samarbete mellan utbildningsanordnare deltar din organisation?",
                "What cooperation between education providers is your organisation part of?",
            ),
            (
                "Mitkä ovat henkilöstön mahdollisuudet työelämäosaamisen kehittämiseen?",
                "Vilka möjligheter har personalen att utveckla sitt arbetslivskunnande?",
                "What chances do staff have to develop their working-life competence?",
            ),
        ],
    },
    {
        "key": "strategic",
        "order": 4,
        "cross_cutting": False,
        "contact_interval_days": 30,
        "name": ("Strateginen kumppanuus", "Strategiskt partnerskap", "Strategic partnership"),
        "description": (
            "Alueellinen ja valtakunnallinen yhteistyö sekä tulevaisuuden osaamistarpeiden huomioiminen. "
            "Ministeriö, TE-palvelut, kauppakamari, ELY-keskus, AMKE ja kumppanuussopimukset.",
            "Regionalt och nationellt samarbete och beaktande av framtidens kompetensbehov. Ministeriet, "
            "TE-tjänsterna, handelskammaren, NTM-centralen, AMKE och partnerskapsavtal.",
            "Regional and national cooperation and future competence needs. The ministry, TE services, the "
            "chamber of commerce, the ELY Centre, AMKE and partnership agreements.",
        ),
        "tools": [
            (
                "Työelämäpalautteiden systemaattinen analysointi ja palautteeseen reagointi",
                "Systematisk analys av arbetslivsresponsen och reaktion på den",
                "Systematic analysis of working-life feedback and reacting to it",
                "",
            ),
            (
                "Työelämäyhteistyön vuosikello",
                "Årshjul för samarbetet med arbetslivet",
                "The annual plan of cooperation with working life",
                "",
            ),
            (
                "Työelämässä oppimisen palvelulupaus",
                "Servicelöfte för lärande i arbetslivet",
                "The service promise of work-based learning",
                "",
            ),
            (
                "Opiskelijoiden mahdollisuus osallistua ja vaikuttaa työelämäyhteistyöhön",
                "De studerandes möjlighet att delta i och påverka samarbetet med arbetslivet",
                "Students can take part in and influence cooperation with working life",
                "",
            ),
            (
                "Aktiivinen ja suunnitelmallinen alueellinen ja valtakunnallinen yhteistyö: ministeriö, TE-palvelut, "
                "kauppakamari, ELY-keskus, AMKE",
                "Aktivt och planmässigt regionalt och nationellt samarbete: ministeriet, TE-tjänsterna, "
                "handelskammaren, NTM-centralen, AMKE",
                "Active and planned regional and national cooperation: the ministry, TE services, the chamber of "
                "commerce, the ELY Centre, AMKE",
                "",
            ),
        ],
        "questions": [
            (
                "Tunnetko oman organisaatiosi vahvuudet, kehittämiskohteet sekä yhteistyöverkostot työelämäyhteistyössä?",
                "Känner du till din organisations styrkor, utvecklingsområden och samarbetsnätverk i samarbetet med arbetslivet?",
                "Do you know your organisation's strengths, areas to develop and networks in cooperation with working life?",
            ),
            (
                "Mistä löydät tietoa strategisista tavoitteista ja osallistumismahdollisuuksista verkostoyhteistyöhön?",
                "Var hittar du information om de strategiska målen och om möjligheterna att delta i nätverkssamarbete?",
                "Where do you find the strategic goals and ways to take part in network cooperation?",
            ),
            (
                "Miten organisaatiosi toimii yhteistyössä ministeriön, TE-palvelujen, kauppakamarin, ELY-keskuksen ja "
                "AMKEn kanssa?",
                "Hur samarbetar din organisation med ministeriet, TE-tjänsterna, handelskammaren, NTM-centralen och AMKE?",
                "How does your organisation cooperate with the ministry, TE services, the chamber of commerce, the ELY "
                "Centre and AMKE?",
            ),
            (
                "Miten vastavuoroinen kumppanuus on huomioitu organisaation strategiassa ja visiossa?",
                "Hur har ömsesidigt partnerskap beaktats i organisationens strategi och vision?",
                "How is reciprocal partnership reflected in the organisation's strategy and vision?",
            ),
        ],
    },
    {
        "key": "monitoring",
        "order": 5,
        "cross_cutting": True,
        "contact_interval_days": None,
        "name": (
            "Jatkuva seuranta ja analyysi",
            "Kontinuerlig uppföljning och analys",
            "Continuous monitoring and analysis",
        ),
        "description": (
            "Yhteistyön säännöllinen ylläpitäminen, palautteeseen reagointi ja toiminnan jatkuva kehittäminen. "
            "Luottamus.",
            "Regelbundet upprätthållande av samarbetet, reaktion på respons och fortlöpande utveckling av "
            "verksamheten. Förtroende.",
            "Regular upkeep of cooperation, reacting to feedback and continuous development. Trust.",
        ),
        "tools": [
            (
                "Tulevaisuuden osaamistarpeen määrittely yhdessä työ- ja elinkeinoelämän kanssa",
                "Att fastställa framtidens kompetensbehov tillsammans med arbets- och näringslivet",
                "Defining future competence needs together with working life and business",
                "",
            ),
            ("Kumppanuussopimukset", "Partnerskapsavtal", "Partnership agreements", ""),
            (
                "Suunnitelmallinen uusasiakashankinta ja uudet kontaktit",
                "Planmässig kundanskaffning och nya kontakter",
                "Planned acquisition of new customers and contacts",
                "",
            ),
            (
                "Laaja ja monipuolinen yhteistyö työ- ja elinkeinoelämän sekä viranomaistahojen kanssa",
                "Brett och mångsidigt samarbete med arbets- och näringslivet och myndigheterna",
                "Broad and varied cooperation with working life, business and the authorities",
                "",
            ),
            (
                "Työelämäyhteistyö huomioitu organisaation visiossa, arvoissa ja strategiassa",
                "Samarbetet med arbetslivet beaktat i organisationens vision, värden och strategi",
                "Cooperation with working life built into the organisation's vision, values and strategy",
                "",
            ),
            (
                "Opiskelijoiden osallisuus työelämäyhteistyön kehittämisessä",
                "De studerandes delaktighet i utvecklingen av samarbetet med arbetslivet",
                "Students' participation in developing cooperation with working life",
                "",
            ),
        ],
        "questions": [
            (
                "Miten työelämäpalautteita ja opiskelijapalautteita käsitellään ja miten niihin reagoidaan yhteistyön "
                "kehittämiseksi?",
                "Hur behandlas arbetslivsresponsen och studerandenas respons, och hur reagerar vi på dem för att "
                "utveckla samarbetet?",
                "How are working-life and student feedback handled and reacted to, to develop the cooperation?",
            ),
            (
                "Onko yhteistyön ylläpitämiseen sovittu yhteinen toimintatapa?",
                "Finns det ett gemensamt arbetssätt för att upprätthålla samarbetet?",
                "Is there a shared way of keeping up the cooperation?",
            ),
            (
                "Onko yhteistyö ja sen kehittäminen suunnitelmallista ja tavoitteellista?",
                "Är samarbetet och utvecklingen av det planmässigt och målinriktat?",
                "Is the cooperation and its development planned and goal-oriented?",
            ),
            (
                "Ovatko kaikki osapuolet mukana kehittämistyössä?",
                "Deltar alla parter i utvecklingsarbetet?",
                "Do all parties take part in the development work?",
            ),
        ],
    },
]
