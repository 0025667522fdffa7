from . import ical, main
