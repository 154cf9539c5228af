"""Reference data shipped with Kumppani: a few common vocational qualifications (fi/sv/en)."""

# Official names of the vocational qualifications (ammatilliset perustutkinnot) as in the
# Finnish National Agency for Education's qualification requirements.
QUALIFICATIONS = [
    (
        "Autoalan perustutkinto",
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
