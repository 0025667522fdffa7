# ruff: noqa: I001  (the transition mixin first: the models below inherit it)
from . import res_company
from . import res_config_settings
from . import res_partner
from . import insurance_record_retention_rule
from . import insurance_record_file
from . import insurance_record_file_content
from . import insurance_record_loan
from . import insurance_record_destruction
from . import insurance_record_disclosure
from . import insurance_record_filed_mixin
from . import insurance_claim
from . import insurance_claim_document
from . import insurance_complaint
from . import ir_attachment
