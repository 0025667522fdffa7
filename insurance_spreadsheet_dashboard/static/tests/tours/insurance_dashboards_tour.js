import { rpc } from "@web/core/network/rpc";
import { registry } from "@web/core/registry";

// The spreadsheet model of the dashboard on screen, found in the component tree.
function activeModel() {
    const stack = [odoo.__WOWL_DEBUG__.root.__owl__];
    while (stack.length) {
        const node = stack.pop();
        const model = node.component?.state?.activeDashboard?.model;
        if (model) {
            return model;
        }
        stack.push(...Object.values(node.children));
    }
}

const LOADING = new Set(["Loading...", "加载中..."]);

function searchCount(model, domain) {
    return rpc(`/web/dataset/call_kw/${model}/search_count`, {
        model,
        method: "search_count",
        args: [domain],
        kwargs: {},
    });
}

// the browser's local day, as the dashboards' domains take it (context_today())
function localDay(offset = 0) {
    const day = new Date();
    day.setDate(day.getDate() + offset);
    const pad = (n) => String(n).padStart(2, "0");
    return `${day.getFullYear()}-${pad(day.getMonth() + 1)}-${pad(day.getDate())}`;
}

// Waits until the Odoo data of the dashboard is loaded, then checks that no cell is an error and that
// each listed cell of the Data sheet has a value: the count the server gives for the same domain.
async function checkDashboard(name, cells) {
    const expected = [];
    for (const [, , label, model, domain] of cells) {
        expected.push([label, await searchCount(model, domain)]);
    }
    const deadline = Date.now() + 30000;
    let problems = [];
    while (Date.now() < deadline) {
        const model = activeModel();
        problems = [];
        if (!model) {
            problems.push(`${name}: no dashboard model yet`);
        } else {
            const getters = model.getters;
            for (const sheetId of getters.getSheetIds()) {
                for (const cellId of Object.keys(getters.getCells(sheetId))) {
                    const position = getters.getCellPosition(cellId);
                    const cell = getters.getEvaluatedCell(position);
                    if (LOADING.has(cell.value)) {
                        problems.push(`${name}: still loading`);
                    } else if (cell.type === "error") {
                        const xc = getters.getCell(position).content;
                        problems.push(`${name}: ${sheetId} ${xc} -> ${cell.message || cell.value}`);
                    }
                }
            }
            cells.forEach(([col, row, label], index) => {
                const value = getters.getEvaluatedCell({ sheetId: "data", col, row }).value;
                if (value !== expected[index][1]) {
                    problems.push(`${name}: ${label} is ${value}, the server counts ${expected[index][1]}`);
                }
            });
        }
        if (!problems.length) {
            return;
        }
        await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error(problems.slice(0, 10).join("\n"));
}

function dashboardSteps(name, cells) {
    return [
        {
            content: `Open the ${name} dashboard`,
            trigger: `.o_spreadsheet_dashboard_search_panel li[data-name='${name}']`,
            // the first step also waits for the spreadsheet bundle to load
            timeout: 30000,
            run: "click",
        },
        {
            content: `${name}: the figures are computed`,
            trigger: `.o_spreadsheet_dashboard_search_panel li.active[data-name='${name}']`,
            run: () => checkDashboard(name, cells),
        },
    ];
}

registry.category("web_tour.tours").add("insurance_dashboards_tour", {
    steps: () => [
        ...dashboardSteps("Claims", [[1, 0, "open claims", "insurance.claim", [["is_open", "=", true]]]]),
        ...dashboardSteps("Complaints", [
            [
                1,
                0,
                "valid complaints this year",
                "insurance.complaint.analysis",
                [
                    ["is_valid", "=", true],
                    ["received_date", ">=", `${new Date().getFullYear()}-01-01`],
                    ["received_date", "<=", `${new Date().getFullYear()}-12-31`],
                ],
            ],
        ]),
        ...dashboardSteps("Duty", [
            [
                1,
                0,
                "duties in the next 7 days",
                "duty.shift",
                [
                    ["is_published", "=", true],
                    ["is_superseded", "=", false],
                    ["day", ">=", localDay()],
                    ["day", "<=", localDay(6)],
                ],
            ],
        ]),
    ],
});
