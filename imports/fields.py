"""The fields an import fills, with the fi/sv/en headers schools give them, and the mapping
of a file's headers to them: suggested from the synonyms and from the mapping the institution
used last time (ImportMappingMemory), checked before any row is planned."""

import re
import unicodedata
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

KINDS = ("employers", "students")


@dataclass(frozen=True)
class ImportField:
    key: str
    label: object  # lazy translation
    synonyms: tuple[str, ...]
    required: bool = False


FIELDS = {
    "employers": (
        ImportField(
            "name",
            gettext_lazy("Employer name"),
            (
                "nimi",
                "työnantaja",
                "yritys",
                "yrityksen nimi",
                "namn",
                "arbetsgivare",
                "företag",
                "name",
                "employer",
                "company",
            ),
            required=True,
        ),
        ImportField(
            "business_id",
            gettext_lazy("Business ID"),
            ("y-tunnus", "ytunnus", "fo-nummer", "business id", "company id"),
        ),
        ImportField(
            "sector",
            gettext_lazy("Sector (TOL letter)"),
            ("toimiala", "tol", "bransch", "sector", "industry"),
        ),
        ImportField(
            "municipality",
            gettext_lazy("Municipality"),
            (
                "kunta",
                "kotikunta",
                "paikkakunta",
                "kaupunki",
                "kommun",
                "ort",
                "municipality",
                "city",
                "town",
            ),
            required=True,
        ),
        ImportField(
            "street_address",
            gettext_lazy("Street address"),
            ("osoite", "katuosoite", "adress", "gatuadress", "address", "street address"),
        ),
        ImportField(
            "postal_code",
            gettext_lazy("Postal code"),
            ("postinumero", "postnummer", "postal code", "postcode", "zip"),
        ),
        ImportField(
            "website",
            gettext_lazy("Website"),
            ("www", "kotisivu", "verkkosivu", "webbplats", "website", "web"),
        ),
        ImportField(
            "notes",
            gettext_lazy("Notes"),
            ("lisätiedot", "huomiot", "muistiinpanot", "anteckningar", "notes", "comments"),
        ),
        ImportField(
            "person_first_name",
            gettext_lazy("Contact person: first name"),
            ("yhteyshenkilön etunimi", "etunimi", "förnamn", "first name", "contact first name"),
        ),
        ImportField(
            "person_last_name",
            gettext_lazy("Contact person: last name"),
            ("yhteyshenkilön sukunimi", "sukunimi", "efternamn", "last name", "surname", "contact last name"),
        ),
        ImportField(
            "person_email",
            gettext_lazy("Contact person: e-mail"),
            ("sähköposti", "sahkoposti", "email", "e-mail", "e-post", "yhteyshenkilön sähköposti"),
        ),
        ImportField(
            "person_phone",
            gettext_lazy("Contact person: phone"),
            ("puhelin", "puhelinnumero", "puh", "telefon", "phone", "mobile", "gsm"),
        ),
        ImportField(
            "person_title",
            gettext_lazy("Contact person: title"),
            ("titteli", "tehtävä", "asema", "titel", "title", "role"),
        ),
    ),
    "students": (
        ImportField(
            "first_name",
            gettext_lazy("First name"),
            ("etunimi", "etunimet", "förnamn", "first name", "given name"),
            required=True,
        ),
        ImportField(
            "last_name",
            gettext_lazy("Last name"),
            ("sukunimi", "efternamn", "last name", "surname", "family name"),
            required=True,
        ),
        ImportField(
            "student_number",
            gettext_lazy("Student number"),
            (
                "opiskelijanumero",
                "opiskelijanro",
                "opiskelija numero",
                "studerandenummer",
                "student number",
                "student id",
            ),
            required=True,
        ),
        ImportField(
            "learner_oid",
            gettext_lazy("Learner OID"),
            ("oppijanumero", "oid", "lärandenummer", "learner number", "learner oid"),
        ),
        ImportField(
            "email", gettext_lazy("E-mail"), ("sähköposti", "sahkoposti", "email", "e-mail", "e-post")
        ),
        ImportField(
            "phone", gettext_lazy("Phone"), ("puhelin", "puhelinnumero", "telefon", "phone", "mobile")
        ),
        ImportField(
            "date_of_birth",
            gettext_lazy("Date of birth"),
            ("syntymäaika", "födelsedatum", "date of birth", "birth date", "dob"),
        ),
        ImportField(
            "group", gettext_lazy("Group"), ("ryhmä", "opetusryhmä", "luokka", "grupp", "group", "class")
        ),
        ImportField(
            "language",
            gettext_lazy("Language"),
            ("kieli", "äidinkieli", "asiointikieli", "språk", "language"),
        ),
    ),
}


def normal_header(value: str) -> str:
    value = unicodedata.normalize("NFC", value).casefold()
    return re.sub(r"[\s_.:*]+", " ", value).strip()


def suggest_mapping(
    kind: str, headers: list[str], remembered: dict[str, str] | None = None
) -> dict[str, str]:
    """header -> field key ('' for ignored), from what was used last time, then synonyms."""
    remembered = remembered or {}
    fields = {f.key for f in FIELDS[kind]}
    mapping, taken = {}, set()
    for header in headers:
        key = remembered.get(normal_header(header), "")
        if key in fields and key not in taken:
            mapping[header], taken = key, taken | {key}
    for header in headers:
        if header in mapping:
            continue
        name = normal_header(header)
        for candidate in FIELDS[kind]:
            if candidate.key not in taken and name in {normal_header(s) for s in candidate.synonyms}:
                mapping[header], taken = candidate.key, taken | {candidate.key}
                break
        else:
            mapping[header] = ""
    return mapping


def mapping_errors(kind: str, mapping: dict[str, str]) -> list[str]:
    chosen = [key for key in mapping.values() if key]
    errors = []
    for candidate in FIELDS[kind]:
        if candidate.required and candidate.key not in chosen:
            errors.append(_("Choose a column for “%(field)s”.") % {"field": candidate.label})
        if chosen.count(candidate.key) > 1:
            errors.append(_("“%(field)s” is chosen for more than one column.") % {"field": candidate.label})
    return errors
