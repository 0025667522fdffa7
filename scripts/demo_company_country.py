# Run through `odoo shell` on a database with only base, before `account` is installed: the demo
# company is in China, so installing `account` auto-installs the Chinese localisation (l10n_cn)
# instead of the US one (base's demo company is in the USA).  See create_suite_db in common.sh.
env.ref("base.main_company").country_id = env.ref("base.cn")  # noqa: F821 (odoo shell's env)
env.cr.commit()  # noqa: F821
