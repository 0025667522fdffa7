from . import ical
