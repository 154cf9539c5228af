"""The qualification units shipped as reference data (partnerships/reference.py), as the
migrations load them."""

import importlib

import pytest
from django.apps import apps

from partnerships.models import Qualification, QualificationUnit
from partnerships.models.students import national_unit_code
from partnerships.reference import (
    COMMON_OPTIONAL_UNITS,
    QUALIFICATION_OWN_UNITS,
    QUALIFICATION_UNITS,
    QUALIFICATIONS,
    UNITS_WITHOUT_KNOWN_EXTENT,
)

load_units = importlib.import_module("partnerships.migrations.0011_load_qualification_units").load
SHIPPED = sum(len(units) for units in QUALIFICATION_UNITS.values())


def national_units():
    return QualificationUnit.objects.filter(is_local=False).select_related("qualification")


def test_every_shipped_unit_is_loaded_by_the_migrations_as_a_national_unit(db):
    assert national_units().count() == SHIPPED > 50
    for qualification_name, units in QUALIFICATION_UNITS.items():
        for name_fi, name_sv, name_en, extent, national_code in units:
            unit = QualificationUnit.objects.get(qualification__name_fi=qualification_name, name_fi=name_fi)
            assert (unit.name_sv, unit.name_en, unit.extent, unit.national_code) == (
                name_sv,
                name_en,
                extent,
                national_code,
            )
            assert not unit.is_local


def test_every_qualification_has_its_units_and_the_common_optional_ones(db):
    assert set(QUALIFICATION_UNITS) == {name_fi for name_fi, _sv, _en in QUALIFICATIONS}
    assert set(QUALIFICATION_OWN_UNITS) <= set(QUALIFICATION_UNITS)
    common = {name_fi for name_fi, *_rest in COMMON_OPTIONAL_UNITS}
    for qualification in Qualification.objects.all():
        assert common <= set(qualification.units.values_list("name_fi", flat=True))


def test_every_national_unit_has_three_names_an_extent_in_range_and_passes_the_model_rules(db):
    for unit in national_units():
        assert unit.name_fi.strip() and unit.name_sv.strip() and unit.name_en.strip()
        assert len({unit.name_fi, unit.name_sv, unit.name_en}) == 3
        if (unit.qualification.name_fi, unit.name_fi) in UNITS_WITHOUT_KNOWN_EXTENT:
            assert unit.extent is None
        else:
            assert 1 <= unit.extent <= 250
        unit.full_clean()  # max lengths, the extent's maximum and the national code's format


def test_the_only_unit_without_an_extent_is_the_documented_one():
    unknown = {
        (qualification, name_fi)
        for qualification, units in QUALIFICATION_UNITS.items()
        for name_fi, _sv, _en, extent, _code in units
        if extent is None
    }
    assert unknown == UNITS_WITHOUT_KNOWN_EXTENT


def test_national_codes_pass_the_validator_and_name_one_unit_each():
    codes = [
        code for units in QUALIFICATION_OWN_UNITS.values() for _fi, _sv, _en, _extent, code in units if code
    ]
    assert len(codes) == 9
    for code in codes:
        national_unit_code(code)
    assert len(set(codes)) == len(codes)
    assert all(code == "" for *_names, _extent, code in COMMON_OPTIONAL_UNITS)


@pytest.mark.parametrize("qualification", sorted(QUALIFICATION_UNITS))
def test_unit_names_are_unique_within_a_qualification(qualification):
    names = [name_fi for name_fi, *_rest in QUALIFICATION_UNITS[qualification]]
    assert len(names) == len(set(names))


@pytest.mark.parametrize(
    "qualification, expected",
    [
        # OPH-7918-2025, the compulsory units of the competence area of vehicle technology.
        (
            "Ajoneuvoalan perustutkinto",
            {
                "Ajoneuvon huoltotyöt": (25, "tutkinnonosat_106945", "Fordonsservice"),
                "Alustan korjaustyöt": (15, "tutkinnonosat_106877", "Reparation av chassi"),
                "Jarrujen korjaus": (10, "tutkinnonosat_106878", "Bromsreparationer"),
                "Sähköjärjestelmän kunnon määrittäminen": (
                    10,
                    "tutkinnonosat_106879",
                    "Fastställande av skicket i ett elsystem",
                ),
            },
        ),
        # From 1.8.2024: the two compulsory units, 40 osp together.
        (
            "Liiketoiminnan perustutkinto",
            {
                "Liiketoimintaympäristössä toimiminen": (25, "", "Att verka i en affärsmiljö"),
                "Asiakaspalvelu": (15, "", "Kundbetjäning"),
            },
        ),
    ],
)
def test_the_compulsory_units_are_there_with_their_extents(db, qualification, expected):
    units = QualificationUnit.objects.filter(qualification__name_fi=qualification, name_fi__in=expected)
    assert {u.name_fi: (u.extent, u.national_code, u.name_sv) for u in units} == expected


def test_the_common_optional_units_have_the_extents_of_the_requirements(db):
    units = QualificationUnit.objects.filter(qualification__name_fi="Logistiikan perustutkinto")
    extents = dict(units.values_list("name_fi", "extent"))
    assert extents["Työpaikkaohjaajaksi valmentautuminen"] == 5
    assert extents["Yritystoiminnan suunnittelu"] == extents["Huippuosaajana toimiminen"] == 15


def test_loading_again_creates_nothing_twice_and_restores_an_edited_national_unit(db):
    unit = QualificationUnit.objects.get(
        qualification__name_fi="Ajoneuvoalan perustutkinto", name_fi="Jarrujen korjaus"
    )
    QualificationUnit.objects.filter(pk=unit.pk).update(extent=99, national_code="")
    load_units(apps, None)
    load_units(apps, None)
    assert national_units().count() == SHIPPED
    unit.refresh_from_db()
    assert (unit.extent, unit.national_code) == (10, "tutkinnonosat_106878")


def test_a_local_unit_is_left_alone(db):
    qualification = Qualification.objects.get(name_fi="Logistiikan perustutkinto")
    local = QualificationUnit.objects.create(
        qualification=qualification, name_fi="Varastotyöt", name_sv="Lagerarbete", name_en="Warehouse work",
        extent=20, is_local=True,
    )  # fmt: skip
    load_units(apps, None)
    local.refresh_from_db()
    assert local.is_local and local.extent == 20


def test_a_database_with_the_old_name_of_the_vehicle_qualification_keeps_its_row(db):
    """Autoalan perustutkinto was renamed Ajoneuvoalan perustutkinto from 1.8.2022."""
    qualification = Qualification.objects.get(name_fi="Ajoneuvoalan perustutkinto")
    Qualification.objects.filter(pk=qualification.pk).update(name_fi="Autoalan perustutkinto")
    load_units(apps, None)
    assert Qualification.objects.get(name_fi="Ajoneuvoalan perustutkinto").pk == qualification.pk
    assert not Qualification.objects.filter(name_fi="Autoalan perustutkinto").exists()
    assert Qualification.objects.count() == len(QUALIFICATIONS)


def test_the_reference_data_fixture_brings_the_units_back_after_a_flush(reference_data):
    assert national_units().count() == SHIPPED
