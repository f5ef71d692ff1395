import { h } from "./vendor-ZkyYCmq0.js";

/** The receipt shown once POST /api/tickets succeeded. */
export function ticketReceipt(ticket, show) {
  const id = String(ticket?.id ?? ticket?.ticketId ?? "");
  const holder = String(ticket?.holder ?? "");
  return h(
    "article",
    { class: "receipt", testid: "ticket-receipt", "aria-labelledby": "receipt-title" },
    h("h3", { id: "receipt-title" }, "You're going!"),
    h("p", {}, holder ? `${holder}, your seat for ${show.title} is booked.` : `Your seat for ${show.title} is booked.`),
    h("p", {}, "Ticket ", h("code", { testid: "ticket-id" }, id || "(the API returned no id)")),
    h("a", { href: "/tickets" }, "See all tickets"),
  );
}
