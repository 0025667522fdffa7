import { registry } from "@web/core/registry";

// A records manager takes a clerk's loan request through approval, hand-out and return.
registry.category("web_tour.tours").add("records_loan_tour", {
    steps: () => [
        {
            content: "Open the requested loan",
            trigger: ".o_list_view .o_data_row:contains('Tour court hearing') td[name='purpose']",
            run: "click",
        },
        {
            content: "Approve the request",
            trigger: ".o_form_statusbar button[name='action_approve']",
            run: "click",
        },
        {
            content: "Hand the file out",
            trigger: ".o_form_statusbar button[name='action_lend']",
            run: "click",
        },
        {
            content: "The loan is out",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains('Lent')",
        },
        {
            content: "Take the file back",
            trigger: ".o_form_statusbar button[name='action_return']",
            run: "click",
        },
        {
            content: "The loan is returned",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains('Returned')",
        },
        {
            content: "The file's log tells the return",
            trigger: ".o-mail-Chatter",
        },
    ],
});
