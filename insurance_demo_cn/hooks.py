DEMO_CHART = "cn_large_bis"


def post_init_hook(env):
    """The demo company gets the chart for large enterprises (企业会计准则, with the insurance accounts).

    Installing l10n_cn queued Odoo's own guess for the end of this install: the first Chinese template
    ("cn", small enterprises) on the current company. The chart is chosen here instead, so that guess
    is dropped before it would replace this one.
    """
    company = env.ref("base.main_company")
    if hasattr(env.registry, "_auto_install_template"):
        del env.registry._auto_install_template
    if company.chart_template != DEMO_CHART:
        env["account.chart.template"].try_loading(DEMO_CHART, company, install_demo=True)
    # l10n_cn's demo adds its own "CN Company" to the demo users; the demo insurer is their only company
    cn_demo_company = env.ref("base.demo_company_cn", raise_if_not_found=False)
    users = env["res.users"].with_context(active_test=False).search([("share", "=", False)])
    if cn_demo_company:
        users.filtered(lambda user: user.company_id != cn_demo_company).write(
            {"company_ids": [(3, cn_demo_company.id)]}
        )
    users.write({"tz": "Asia/Shanghai"})
