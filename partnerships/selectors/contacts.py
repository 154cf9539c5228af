"""Reads of the contact log that a page shows beside its entries."""

from collections import defaultdict

from ..models import Channel, Contact


def link_timeline(contacts, checkpoints) -> None:
    """Give each contact of a timeline's page its `people_met` (by name) and `checkpoint_tags`
    (by number): two reads of the link tables instead of prefetching both relations, which
    built two related managers and their querysets for each of the page's entries. The people
    are read with their links, everyone an entry names, a person moved to another employer
    since the entry was logged included; the checkpoints are `checkpoints`, all of them as the
    page has read them already (the contact form's options), so their links are ids only."""
    ids = [contact.pk for contact in contacts]
    people, tags = defaultdict(list), defaultdict(list)
    met = (
        Contact.persons.through.objects.filter(contact_id__in=ids)
        .select_related("contactperson")
        .order_by("contactperson__last_name", "contactperson__first_name", "contactperson_id")
    )
    for link in met:
        people[link.contact_id].append(link.contactperson)
    by_pk = {checkpoint.pk: checkpoint for checkpoint in checkpoints}
    tagged = Contact.checkpoints.through.objects.filter(contact_id__in=ids)
    for contact_id, checkpoint_id in tagged.values_list("contact_id", "checkpoint_id"):
        tags[contact_id].append(by_pk[checkpoint_id])
    for contact in contacts:
        contact.people_met = people[contact.pk]
        contact.checkpoint_tags = sorted(tags[contact.pk], key=lambda checkpoint: checkpoint.number)


def label_channels(contacts) -> None:
    """Give each contact its `channel_label`, each channel's name translated once for the page:
    `get_channel_display` builds the choices' dictionary anew for every entry."""
    labels = {value: str(label) for value, label in Channel.choices}
    for contact in contacts:
        contact.channel_label = labels.get(contact.channel, contact.channel)
