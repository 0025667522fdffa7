from odoo.addons.insurance_base.tests.common import JsonRpcMixin
from odoo.tests import HttpCase, tagged

from .common import ClaimsCase


@tagged("post_install", "-at_install")
class TestWorkflowOverRpc(JsonRpcMixin, HttpCase, ClaimsCase):
    """A claims user over JSON-RPC, as any client would: writing the status is refused, with or without a
    forged context key; the transition button works."""

    rpc_model = "insurance.claim"

    def setUp(self):
        super().setUp()
        self.claim = self.new_claim(handler_id=self.handler.id)
        self.authenticate("clm_handler", "clm_handler")

    def test_write_state_over_rpc_is_refused_even_with_a_forged_context(self):
        forged = {"model": "insurance.claim", "ids": [self.claim.id], "fields": ["state"], "creating": False}
        for context in ({}, {"insurance_workflow_transition": forged}, {"insurance_workflow_transition": True}):
            answer = self.call_kw("write", [[self.claim.id], {"state": "approved"}], context)
            self.assertEqual(answer["error"]["data"]["name"], "odoo.exceptions.AccessError")
            self.assertIn("a claims director approves", answer["error"]["data"]["message"])
        self.assertEqual(self.claim.state, "reported")
        # the button is the way: the handler moves the claim one stage on
        self.assertTrue(self.call_kw("action_next_stage", [[self.claim.id]])["result"])
        self.assertEqual(self.claim.state, "dispatched")
