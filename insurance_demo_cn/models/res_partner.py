from odoo import api, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    @api.model_create_multi
    def create(self, vals_list):
        # China enforces cities (l10n_cn_city): an address typed with the city's name ("长沙市浏阳市")
        # gets its city record, as the address form would give it
        wanted = [vals for vals in vals_list if vals.get("city") and vals.get("country_id") and not vals.get("city_id")]
        # users who cannot read the cities (portal) keep the typed city, as the form would leave it
        if wanted and self.env["res.city"].has_access("read"):
            cities = self.env["res.city"].search(
                [
                    ("name", "in", list({vals["city"] for vals in wanted})),
                    ("country_id", "in", list({vals["country_id"] for vals in wanted})),
                    ("country_id.enforce_cities", "=", True),
                ]
            )
            by_key = {(city.name, city.country_id.id): city for city in cities}
            for vals in wanted:
                city = by_key.get((vals["city"], vals["country_id"]))
                if city and vals.get("state_id", city.state_id.id) == city.state_id.id:
                    vals["city_id"] = city.id
                    vals.setdefault("state_id", city.state_id.id)
                    vals.setdefault("zip", city.zipcode)
        return super().create(vals_list)
