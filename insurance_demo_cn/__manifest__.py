{
    "name": "Insurance Demo Company (China)",
    "summary": "The demo company is a Chinese insurer branch: CNY, Asia/Shanghai, the chart for large "
    "enterprises (企业会计准则), Chinese provinces and cities",
    "version": "18.0.1.0.0",
    "category": "Insurance/Demo",
    "website": "https://github.com/insurance-ops/insurance-suite",
    "author": "Insurance Operations Suite",
    "maintainers": ["insurance-ops"],
    "development_status": "Beta",
    "license": "LGPL-3",
    "depends": ["l10n_cn_city"],
    "data": ["data/res_company_data.xml"],
    "demo": ["demo/res_users_demo.xml"],
    "post_init_hook": "post_init_hook",
}
