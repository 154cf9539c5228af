"""Reference data shipped with Kumppani: a few common vocational qualifications and some of
their units (fi/sv/en).

Every unit below names its source and the version of the qualification requirements it was
read from. Names and numbers only; nothing is invented. Where a Swedish or English name is our
own translation, the comment says so. A national code (ePerusteet `tutkinnonosat_NNNNNN`) is
given only where a source shows it; otherwise it is blank.
"""

# Official names of the vocational qualifications (ammatilliset perustutkinnot) as in the
# Finnish National Agency for Education's qualification requirements.
QUALIFICATIONS = [
    (
        # Named "Autoalan perustutkinto" until 31.7.2022 (see RENAMED_QUALIFICATIONS).
        "Ajoneuvoalan perustutkinto",
        "Grundexamen inom fordonsbranschen",
        "Vocational Qualification in the Vehicle Sector",
    ),
    (
        "Liiketoiminnan perustutkinto",
        "Grundexamen i affärsverksamhet",
        "Vocational Qualification in Business",
    ),
    ("Logistiikan perustutkinto", "Grundexamen i logistik", "Vocational Qualification in Logistics"),
    (
        "Rakennusalan perustutkinto",
        "Grundexamen i byggnadsbranschen",
        "Vocational Qualification in Construction",
    ),
    (
        "Ravintola- ja catering-alan perustutkinto",
        "Grundexamen inom restaurang- och cateringbranschen",
        "Vocational Qualification in Restaurant and Catering Services",
    ),
    (
        "Sosiaali- ja terveysalan perustutkinto",
        "Grundexamen inom social- och hälsovårdsbranschen",
        "Vocational Qualification in Social and Health Care",
    ),
    (
        "Sähkö- ja automaatioalan perustutkinto",
        "Grundexamen inom el- och automationsbranschen",
        "Vocational Qualification in Electrical Engineering and Automation",
    ),
    (
        "Tieto- ja viestintätekniikan perustutkinto",
        "Grundexamen i informations- och kommunikationsteknik",
        "Vocational Qualification in Information and Communications Technology",
    ),
]

# (old Finnish name, current Finnish name). The same qualification (koulutus 351301) was
# renamed from 1.8.2022: https://www.oph.fi/fi/koulutus-ja-tutkinnot/2022-2025-uudistuvat-perustutkinnon-perusteet
# lists "Ajoneuvoalan perustutkinto (ent. autoalan perustutkinto)".
RENAMED_QUALIFICATIONS = [("Autoalan perustutkinto", "Ajoneuvoalan perustutkinto")]

# A unit: (name_fi, name_sv, name_en, extent in competence points or None, national code or "").
Unit = tuple[str, str, str, int | None, str]

# Optional units common to every vocational upper secondary qualification since 1.8.2022
# (https://www.oph.fi/fi/koulutus-ja-tutkinnot/2022-2025-uudistuvat-perustutkinnon-perusteet
# names the six). Swedish and English names and extents as in the requirements of Ajoneuvoalan
# perustutkinto OPH-7918-2025 (source below); Liiketoiminnan perustutkinto's 2024 list
# (perho.fi, below) gives the same extents. The source shows no codes for them.
COMMON_OPTIONAL_UNITS: list[Unit] = [
    ("Huippuosaajana toimiminen", "Arbete som kräver spetskompetens", "Working as a top expert", 15, ""),
    (
        "Ilmastovastuullinen toiminta",
        "Verksamhet med ansvar för klimatet",
        "Working with climate responsibility",
        15,
        "",
    ),
    (
        "Kansainvälisessä työympäristössä toimiminen",
        "Att fungera i en internationell arbetsmiljö",
        "Working in an international work environment",
        15,
        "",
    ),
    (
        "Työpaikkaohjaajaksi valmentautuminen",
        "Förberedelse för arbetsplatshandledaruppgifter",
        "Workplace instructor training",
        5,
        "",
    ),
    ("Yrityksessä toimiminen", "Arbeta i ett företag", "Working in an enterprise", 15, ""),
    ("Yritystoiminnan suunnittelu", "Planering av företagsverksamhet", "Planning a business", 15, ""),
]

# Each qualification's own units: the compulsory ones we could source and a few optional ones.
QUALIFICATION_OWN_UNITS: dict[str, list[Unit]] = {
    # Requirements OPH-7918-2025, in force from 1.8.2026 (replace OPH-5410-2021), as exported
    # from ePerusteet into the national Koski service's test data: Opetushallitus/koski,
    # src/main/resources/mockdata/eperusteet/rakenne-ajoneuvoalan-perustutkinto2025.json at
    # commit 2cc7573572ec6f10b655fd0b2c68f09df65f24b3. Names (fi, sv, en), extents and codes
    # are the requirements' own; codes only for the four units whose record we read.
    "Ajoneuvoalan perustutkinto": [
        # Compulsory in the competence area of vehicle technology (ajoneuvotekniikan osaamisala).
        ("Ajoneuvon huoltotyöt", "Fordonsservice", "Vehicle maintenance", 25, "tutkinnonosat_106945"),
        ("Alustan korjaustyöt", "Reparation av chassi", "Chassis repair", 15, "tutkinnonosat_106877"),
        ("Jarrujen korjaus", "Bromsreparationer", "Brake repair", 10, "tutkinnonosat_106878"),
        (
            "Sähköjärjestelmän kunnon määrittäminen",
            "Fastställande av skicket i ett elsystem",
            "Determining the condition of the electrical system",
            10,
            "tutkinnonosat_106879",
        ),
        # Compulsory in the competence area of damage repairs (vauriokorjauksen osaamisala).
        (
            "Vauriokorjaustyön aloitus",
            "Att inleda ett skadereparationsarbete",
            "Starting damage repair work",
            10,
            "",
        ),
        (
            "Ajoneuvon korinosien irrotus ja asennustyöt",
            "Lösgöring och montering av karossdelar på ett fordon",
            "Removal and installation of vehicle body sections",
            10,
            "",
        ),
        ("Muovikorjaus", "Plastreparation", "Plastic repair", 5, ""),
        # Optional.
        (
            "Korjaamoprosessissa toimiminen",
            "Arbete i en verkstadsprocess",
            "Working in the repair shop process",
            15,
            "",
        ),
        ("Rengas- ja vannemyyntityö", "Försäljning av däck och fälgar", "Tyre and rim sales", 15, ""),
        (
            "Lasien vaihto ja kiveniskemän korjaus",
            "Byte av rutor och reparation av stenskott",
            "Glass replacement and rock chip repair",
            15,
            "",
        ),
    ],
    # Requirements in force from 1.8.2024 (the previous ones were renewed for that date:
    # https://www.lausuntopalvelu.fi/FI/Proposal/ParticipationNonJs?proposalId=6772ce97-be93-442b-96a1-02cc37feb134).
    # Names and extents: https://perho.fi/perustutkinnot/liiketoiminta/tutkinnon-osat-elokuu-2024-alkaen/
    # No code and no Swedish name in the source: Swedish and English are our translations.
    "Liiketoiminnan perustutkinto": [
        # Compulsory (pakolliset, 40 osp).
        (
            "Liiketoimintaympäristössä toimiminen",
            "Att verka i en affärsmiljö",
            "Working in a business environment",
            25,
            "",
        ),
        ("Asiakaspalvelu", "Kundbetjäning", "Customer service", 15, ""),
        # Optional.
        ("Kiertotaloustoiminnot", "Verksamhet inom cirkulär ekonomi", "Circular economy operations", 15, ""),
        ("Kirjastopalvelut", "Bibliotekstjänster", "Library services", 15, ""),
        (
            "Kirjaston tieto- ja opastamispalvelut",
            "Bibliotekets informations- och vägledningstjänster",
            "Library information and guidance services",
            30,
            "",
        ),
    ],
    # The competence area of transport services (kuljetuspalvelujen osaamisala), as listed by
    # https://sataeduopiskelija.com/logistiikan-perustutkinto/ ; the page gives no version. OPH
    # lists the logistics requirements among those renewed from 1.8.2022
    # (https://www.oph.fi/fi/koulutus-ja-tutkinnot/2022-2025-uudistuvat-perustutkinnon-perusteet);
    # a later renewal, if any, is not reflected here. No code and no Swedish name in the
    # source: Swedish and English are our translations.
    "Logistiikan perustutkinto": [
        # Compulsory (90 osp): the first two, and one of the two 40 osp driving units.
        (
            "Kuorma-auton tavarankuljetusten hallinta",
            "Hantering av godstransporter med lastbil",
            "Managing goods transport by lorry",
            40,
            "",
        ),
        (
            "Kuljetusalan perustason ammattipätevyys",
            "Grundläggande yrkeskompetens inom transportbranschen",
            "Initial professional competence in the transport sector",
            10,
            "",
        ),
        ("Kuorma-autokuljetukset", "Lastbilstransporter", "Lorry transport", 40, ""),
        (
            "Yhdistelmäajoneuvokuljetukset",
            "Transporter med fordonskombination",
            "Transport with a vehicle combination",
            40,
            "",
        ),
        # Optional.
        ("Jakelukuljetukset", "Distributionstransporter", "Distribution transport", 15, ""),
        ("Ulkomaanliikenteen kuljetukset", "Transporter i utrikestrafik", "International transport", 15, ""),
        ("Elintarvikekuljetukset", "Livsmedelstransporter", "Food transport", 30, ""),
    ],
    # Requirements OPH-4417-2023, in force from 1.8.2024
    # (https://www.oph.fi/fi/uutiset/2024/sosiaali-ja-terveysalan-perustutkinnon-perusteet-uudistuivat).
    # Names, extents and codes (koodisto "tutkinnonosat") from the national education
    # statistics' load procedure: CSCfi/antero,
    # db_archive/sql_archive/10092__alter_proc_koski_sa_p_lataa_sa_hoivaavustajat.sql at commit
    # 6a84a0aa6ec3613e6da2a01317ad9149a0a29db0, which lists them as the units that qualify a
    # care assistant (hoiva-avustaja). It does not say which are compulsory, and we found no
    # complete list of the 2024 units. Swedish and English are our translations.
    "Sosiaali- ja terveysalan perustutkinto": [
        (
            "Asiakkaan kohtaaminen ja ohjaaminen",
            "Att möta och handleda klienten",
            "Meeting and guiding the client",
            20,
            "tutkinnonosat_107502",
        ),
        (
            "Hyvinvoinnin ja toimintakyvyn edistäminen",
            "Främjande av välbefinnande och funktionsförmåga",
            "Promoting well-being and functional capacity",
            25,
            "tutkinnonosat_107520",
        ),
        (
            "Asiakkaan toimintakyvyn vahvistaminen",
            "Att stärka klientens funktionsförmåga",
            "Strengthening the client's functional capacity",
            15,
            "tutkinnonosat_107510",
        ),
    ],
    # Requirements OPH-6216-2025, in force from 1.8.2026 (replace OPH-4948-2021). Teachers'
    # project plans that quote ePerusteet: mattiseise/projekti_pingpongtanks,
    # opettajalle/osaamiskartoitus.md at commit 9c70d66946ee68697569fa391171c2089e44cf99
    # (Ohjelmointi 45 osp, code 106419; Ohjelmistokehittäjänä toimiminen 45 osp, code 106420),
    # and mattiseise/projektikoontisivu at commit 3c9b9cfbcfe6cc2dbf1b1f2924948c2040dbe920:
    # tuntitutka/sisalto.js (Ohjelmiston toteuttaminen ohjelmistokomponenttikirjastolla,
    # 30 osp) and parlar-ioniano/sisalto.js (Tieto- ja viestintätekniikan perustehtävät is a
    # unit of OPH-6216-2025). The compulsory unit was 25 osp in the previous requirements
    # (https://www.digiaihio.fi/blogi/tieto-ja-viestintatekniikan-perustutkinto-ohjelmistokehittaja/),
    # but no source gives its extent in OPH-6216-2025, so it is left unknown. The other three
    # are the units of the software developer (ohjelmistokehittäjä) path. Swedish and English
    # are our translations.
    "Tieto- ja viestintätekniikan perustutkinto": [
        (
            "Tieto- ja viestintätekniikan perustehtävät",
            "Grunduppgifter inom informations- och kommunikationsteknik",
            "Basic tasks in information and communications technology",
            None,
            "",
        ),
        ("Ohjelmointi", "Programmering", "Programming", 45, "tutkinnonosat_106419"),
        (
            "Ohjelmistokehittäjänä toimiminen",
            "Att arbeta som programutvecklare",
            "Working as a software developer",
            45,
            "tutkinnonosat_106420",
        ),
        (
            "Ohjelmiston toteuttaminen ohjelmistokomponenttikirjastolla",
            "Implementering av programvara med ett komponentbibliotek",
            "Implementing software with a component library",
            30,
            "",
        ),
    ],
}

# Units whose extent no source gave for the current requirements (see the comments above).
UNITS_WITHOUT_KNOWN_EXTENT = {
    ("Tieto- ja viestintätekniikan perustutkinto", "Tieto- ja viestintätekniikan perustehtävät"),
}

# Every qualification's national units: its own ones and the common optional ones.
QUALIFICATION_UNITS: dict[str, list[Unit]] = {
    name_fi: [*QUALIFICATION_OWN_UNITS.get(name_fi, []), *COMMON_OPTIONAL_UNITS]
    for name_fi, _name_sv, _name_en in QUALIFICATIONS
}
