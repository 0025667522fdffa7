from collections import defaultdict

from odoo import api, fields, models, tools

from ..lib import claim_flags

# the claim fields whose change may raise or drop a red flag
FLAG_FIELDS = {"claimant_id", "payee_id", "insured_id", "policy_id", "coverage_id", "loss_at", "claimed_amount"}
# the party fields the shared-key flags read
PARTY_FIELDS = {"phone", "mobile", "vat"}
SHARED_KINDS = {
    claim_flags.PHONE: "shared_phone",
    claim_flags.ID_NUMBER: "shared_id_number",
    claim_flags.BANK: "shared_bank",
}
# the other claims a shared key is reported with (the flag names the first)
SHARED_MATCHES = 3


class InsuranceClaim(models.Model):
    """Red flags: shared phone, ID or bank account across parties, repeated claims, early losses, over-limit claims.

    Computed for a whole batch at create and when a claim's parties, insured, dates or amounts
    (or a party's phone, ID number or bank accounts) change, with a fixed number of queries: the
    parties' normalized keys go to ``insurance.claim.party.key`` and one lateral SQL lookup on
    its btree index finds other parties with the same key; one grouped query counts the claims
    on the same insured in the window.
    """

    _inherit = "insurance.claim"  # pylint: disable=consider-merging-classes-inherited

    flag_ids = fields.One2many("insurance.claim.flag", "claim_id", string="Red Flags")
    open_flag_count = fields.Integer("Open Red Flags", compute="_compute_open_flag_count", store=True)
    is_flagged = fields.Boolean(
        "Flagged", compute="_compute_open_flag_count", store=True, index=True, help="Has red flags not cleared."
    )

    def init(self):
        result = super().init()
        tools.create_index(
            self.env.cr, "insurance_claim_insured_loss_date_index", self._table, ["insured_id", "loss_date"]
        )
        tools.create_index(
            self.env.cr, "insurance_claim_policy_loss_date_index", self._table, ["policy_id", "loss_date"]
        )
        # a contact's change looks its claims up by claimant (indexed) and by payee
        tools.create_index(self.env.cr, "insurance_claim_payee_id_index", self._table, ["payee_id"])
        return result

    @api.depends("flag_ids.state")
    def _compute_open_flag_count(self):
        for claim in self:
            count = len(claim.flag_ids.filtered(lambda flag: flag.state == "open"))
            claim.open_flag_count = count
            claim.is_flagged = bool(count)

    @api.model_create_multi
    def create(self, vals_list):
        claims = super().create(vals_list)
        claims._flag_refresh()
        return claims

    def write(self, vals):
        result = super().write(vals)
        if FLAG_FIELDS & vals.keys():
            self._flag_refresh()
        return result

    # ------------------------------------------------------------------
    # Keys of the parties
    # ------------------------------------------------------------------
    def _flag_party_keys(self):
        """``{(claim id, partner id, role): {(kind, key)}}`` of the claimants and payees of ``self``."""
        result = {}
        for claim in self:
            for role, partner in (("claimant", claim.claimant_id), ("payee", claim.payee_id)):
                if not partner:
                    continue
                keys = claim_flags.party_keys(
                    phones=[partner.phone, partner.mobile],
                    id_numbers=[partner.vat],
                    bank_accounts=partner.bank_ids.mapped("acc_number"),
                )
                if keys:
                    result[(claim.id, partner.id, role)] = keys
        return result

    def _flag_refresh_keys(self):
        # the key rows are an index the system keeps (nobody has write access to them): rewritten in two
        # statements for the whole batch, from the parties of the claims being created or changed
        rows = [
            (claim_id, self.browse(claim_id).company_id.id, partner_id, role, kind, key)
            for (claim_id, partner_id, role), keys in self._flag_party_keys().items()
            for kind, key in sorted(keys)
        ]
        cr = self.env.cr
        cr.execute("DELETE FROM insurance_claim_party_key WHERE claim_id = ANY(%s)", [self.ids])
        if rows:
            cr.execute_values(
                "INSERT INTO insurance_claim_party_key (claim_id, company_id, partner_id, role, kind, key) VALUES %s",
                rows,
                page_size=len(rows),
            )
        self.env["insurance.claim.party.key"].invalidate_model()

    @api.model
    def _flag_backfill_keys(self, batch=1000):
        """Index the parties of the claims that have no key rows yet (claims made before the red flags)."""
        self.env.cr.execute(
            """
            SELECT c.id FROM insurance_claim c
             WHERE NOT EXISTS (SELECT 1 FROM insurance_claim_party_key k WHERE k.claim_id = c.id)
             ORDER BY c.id
            """
        )
        ids = [row[0] for row in self.env.cr.fetchall()]
        for start in range(0, len(ids), batch):
            claims = self.browse(ids[start : start + batch])
            claims._flag_refresh_keys()
            self.env.invalidate_all()

    # ------------------------------------------------------------------
    # Detection
    # ------------------------------------------------------------------
    def _flag_refresh(self):
        """Raise the red flags that apply to ``self`` and drop the open ones that no longer do."""
        claims = self.filtered("id")
        if not claims:
            return
        self.env.flush_all()
        claims._flag_refresh_keys()
        wanted = {}  # (claim id, kind, key) -> values of the flag
        claims._flag_detect_shared(wanted)
        claims._flag_detect_repeats(wanted)
        for claim in claims:
            claim._flag_detect_dates_and_amounts(wanted)
        claims._flag_sync(wanted)

    def _flag_detect_shared(self, wanted):
        self.env.cr.execute(
            """
            SELECT n.claim_id, n.kind, n.key, n.partner_id, n.role, m.claim_id, m.partner_id, m.role
              FROM insurance_claim_party_key n
             CROSS JOIN LATERAL (
                    SELECT o.claim_id, o.partner_id, o.role
                      FROM insurance_claim_party_key o
                     WHERE o.key = n.key AND o.kind = n.kind AND o.company_id = n.company_id
                       AND o.partner_id <> n.partner_id AND o.claim_id <> n.claim_id
                     ORDER BY o.claim_id DESC
                     LIMIT %s
                   ) m
             WHERE n.claim_id = ANY(%s)
             ORDER BY n.claim_id, n.kind, n.key, m.claim_id DESC
            """,
            [SHARED_MATCHES, self.ids],
        )
        rows = self.env.cr.fetchall()
        if not rows:
            return
        Claim = self.browse()
        Partner = self.env["res.partner"]
        # the director reads the reason: it names the other claim and party even where the user who
        # triggered the check may not read them (a narrow read of two names, see security/README.md)
        other_claims = Claim.browse({row[5] for row in rows}).sudo()
        partners = Partner.browse({row[3] for row in rows} | {row[6] for row in rows}).sudo()
        names = {claim.id: claim.name for claim in other_claims}
        partner_names = {partner.id: partner.display_name for partner in partners}
        grouped = defaultdict(list)
        for claim_id, kind, key, partner_id, role, other_id, other_partner_id, other_role in rows:
            grouped[(claim_id, kind, key, partner_id, role)].append((other_id, other_partner_id, other_role))
        roles = dict(self.env["insurance.claim.party.key"]._fields["role"]._description_selection(self.env))
        kinds = dict(self.env["insurance.claim.party.key"]._fields["kind"]._description_selection(self.env))
        for (claim_id, kind, key, partner_id, role), matches in grouped.items():
            other_id, other_partner_id, other_role = matches[0]
            wanted[(claim_id, SHARED_KINDS[kind], key)] = {
                "matched_claim_id": other_id,
                "matched_partner_id": other_partner_id,
                "reason": self.env._(
                    "The %(what)s %(key)s of %(role)s %(partner)s is also that of %(other_role)s %(other)s, "
                    "a different party, on claim %(claims)s.",
                    what=kinds[kind].lower(),
                    key=key,
                    role=roles[role].lower(),
                    partner=partner_names.get(partner_id, ""),
                    other_role=roles[other_role].lower(),
                    other=partner_names.get(other_partner_id, ""),
                    claims=", ".join(names.get(match[0], "") for match in matches),
                ),
            }

    def _flag_detect_repeats(self, wanted):
        """Several claims on one insured (else one policy) within the company's window of days."""
        # two index range scans a claim: (insured_id, loss_date), else (policy_id, loss_date)
        self.env.cr.execute(
            """
            SELECT c.id, rc.claim_flag_repeat_count, rc.claim_flag_repeat_days,
                   array_agg(o.id ORDER BY o.loss_date DESC, o.id DESC)
              FROM insurance_claim c
              JOIN res_company rc ON rc.id = c.company_id
             CROSS JOIN LATERAL (
                    SELECT o.id, o.loss_date FROM insurance_claim o
                     WHERE c.insured_id IS NOT NULL AND o.insured_id = c.insured_id
                       AND o.loss_date BETWEEN c.loss_date - rc.claim_flag_repeat_days
                                           AND c.loss_date + rc.claim_flag_repeat_days
                       AND o.id <> c.id AND o.state <> 'withdrawn' AND o.company_id = c.company_id
                    UNION ALL
                    SELECT o.id, o.loss_date FROM insurance_claim o
                     WHERE c.insured_id IS NULL AND o.insured_id IS NULL AND o.policy_id = c.policy_id
                       AND o.loss_date BETWEEN c.loss_date - rc.claim_flag_repeat_days
                                           AND c.loss_date + rc.claim_flag_repeat_days
                       AND o.id <> c.id AND o.state <> 'withdrawn' AND o.company_id = c.company_id
                   ) o
             WHERE c.id = ANY(%s) AND rc.claim_flag_repeat_count > 1 AND rc.claim_flag_repeat_days > 0
             GROUP BY c.id, rc.claim_flag_repeat_count, rc.claim_flag_repeat_days
            HAVING count(o.id) + 1 >= rc.claim_flag_repeat_count
            """,
            [self.ids],
        )
        rows = self.env.cr.fetchall()
        if not rows:
            return
        others = self.browse({other for row in rows for other in row[3][:SHARED_MATCHES]}).sudo()
        names = {claim.id: claim.name for claim in others}
        for claim_id, _count_setting, days, other_ids in rows:
            claim = self.browse(claim_id)
            first, last = claim_flags.repeat_window(claim.loss_date, days)
            wanted[(claim_id, "repeat_claims", "insured")] = {
                "matched_claim_id": other_ids[0],
                "reason": self.env._(
                    "%(count)s claims on %(insured)s with a loss between %(first)s and %(last)s (%(days)s days "
                    "either side of this one): %(claims)s.",
                    count=len(other_ids) + 1,
                    insured=claim.insured_id.display_name or claim.policy_id.display_name,
                    first=first,
                    last=last,
                    days=days,
                    claims=", ".join(names.get(other, "") for other in other_ids[:SHARED_MATCHES]),
                ),
            }

    def _flag_detect_dates_and_amounts(self, wanted):
        self.ensure_one()
        days = self.company_id.claim_flag_early_loss_days
        start = self.policy_id.date_start
        if claim_flags.is_early_loss(self.loss_date, start, days):
            wanted[(self.id, "early_loss", "start")] = {
                "reason": self.env._(
                    "The loss on %(loss)s is day %(day)s of the policy that started on %(start)s (flagged within "
                    "%(days)s days).",
                    loss=self.loss_date,
                    day=(self.loss_date - start).days + 1,
                    start=start,
                    days=days,
                )
            }
        limit = self.coverage_id.limit_amount
        currency = self.currency_id
        # the limit left is known once the cover, the insured and the loss date are (_compute_limit_left)
        if (
            limit
            and self.insured_id
            and self.loss_at
            and self.claimed_amount
            and currency.compare_amounts(self.claimed_amount, self.limit_left_amount) > 0
        ):
            wanted[(self.id, "above_limit", "limit")] = {
                "reason": self.env._(
                    "The claimed amount %(claimed)s is above the %(left)s left of the limit of %(cover)s.",
                    claimed=currency.format(self.claimed_amount),
                    left=currency.format(self.limit_left_amount),
                    cover=self.coverage_id.display_name,
                )
            }

    def _flag_sync(self, wanted):
        # flags are written by the system only (no create or unlink rights for anyone): sudo() for the
        # flags of the claims just created or changed, from what the detection above found
        Flag = self.env["insurance.claim.flag"].sudo()
        existing = Flag.search([("claim_id", "in", self.ids)])
        by_key = {(flag.claim_id.id, flag.kind, flag.key): flag for flag in existing}
        existing.filtered(
            lambda flag: flag.state == "open" and (flag.claim_id.id, flag.kind, flag.key) not in wanted
        ).unlink()
        new = [
            dict(values, claim_id=key[0], kind=key[1], key=key[2])
            for key, values in wanted.items()
            if key not in by_key
        ]
        if new:
            Flag.with_context(mail_create_nolog=True, tracking_disable=True).create(new)
