"""Reads of the contact log that a page shows beside its entries."""

from collections import defaultdict

from ..models import Contact


def link_timeline(contacts) -> None:
    """Give each contact of a timeline's page its `people_met` (by name) and `checkpoint_tags`
    (by number): two reads of the link tables, each joined with what it links, instead of
    prefetching both relations, which built two related managers and their querysets for each
    of the page's entries. Everyone an entry names is read with it, a person moved to another
    employer since the entry was logged included."""
    ids = [contact.pk for contact in contacts]
    people, tags = defaultdict(list), defaultdict(list)
    met = (
        Contact.persons.through.objects.filter(contact_id__in=ids)
        .select_related("contactperson")
        .order_by("contactperson__last_name", "contactperson__first_name", "contactperson_id")
    )
    for link in met:
        people[link.contact_id].append(link.contactperson)
    for link in (
        Contact.checkpoints.through.objects.filter(contact_id__in=ids)
        .select_related("checkpoint")
        .order_by("checkpoint__number")
    ):
        tags[link.contact_id].append(link.checkpoint)
    for contact in contacts:
        contact.people_met = people[contact.pk]
        contact.checkpoint_tags = tags[contact.pk]
