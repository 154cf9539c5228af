"""Signals other apps listen to, so that core never imports them (apps depend one way)."""

from django.dispatch import Signal

# Sent after a committed change of the institution's branding (name, contacts, logo);
# the apps that print it connect to it in their AppConfig.ready(). Argument: institution.
branding_changed = Signal()
