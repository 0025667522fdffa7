import json

from odoo.tests import HttpCase
from odoo.tools import format_date, formatLang

# the key under which a tour finds the values its Python case computed (expectedValues() in the tours' JS)
TOUR_VALUES_KEY = "insurance_tour_values"


class InsuranceTourCase(HttpCase):
    """Tours that check what the user sees against values computed here, in the user's language.

    The expected texts (amounts, dates, selection labels) are formatted in Python for the user's
    language and handed to the tour through the browser's session storage, so one JS tour with
    language-independent selectors serves every language.
    """

    # room for the form headers' buttons and statusbars
    browser_size = "1920x1080"

    def start_tour_with_values(self, url_path, tour_name, values, login=None, **kwargs):
        options = {"stepDelay": 0, "keepWatchBrowser": False, "debug": False, "startUrl": url_path}
        code = (
            f"sessionStorage.setItem({json.dumps(TOUR_VALUES_KEY)}, {json.dumps(json.dumps(values))});"
            f" odoo.startTour({json.dumps(tour_name)}, {json.dumps(options)})"
        )
        return self.start_tour(url_path, tour_name, login=login, code=code, **kwargs)

    def tour_amount(self, env, amount, currency=None):
        """An amount as the web client shows it in ``env``'s language (without the currency symbol)."""
        return formatLang(env, amount, currency_obj=None, digits=(currency or env.company.currency_id).decimal_places)

    def tour_date(self, env, date):
        return format_date(env, date)

    def tour_label(self, record, field_name, value=None):
        """The label of a selection value in ``record.env``'s language."""
        selection = dict(record._fields[field_name]._description_selection(record.env))
        return selection[record[field_name] if value is None else value]
