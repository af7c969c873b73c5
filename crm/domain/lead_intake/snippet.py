"""The HTML form a website embeds to post leads to a source: plain HTML that works without JavaScript (a post
answered by the thank-you page), and a few lines of script that send it in the background, add the page's campaign
parameters, the time the form was shown (for the spam check) and an event id (so a double click sends one lead)."""

from __future__ import annotations

from html import escape

from crm.domain.lead_intake.sources import LeadSource

SCRIPT = """<script>
(function (form) {
  var status = form.querySelector("[data-crm-status]");
  var query = new URLSearchParams(location.search);
  form.elements._ts.value = Date.now();
  form.elements.event_id.value = window.crypto && crypto.randomUUID ? crypto.randomUUID()
    : Date.now() + "-" + Math.random();
  form.elements.page_url.value = location.href;
  form.elements.referrer.value = document.referrer;
  ["utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content"].forEach(function (name) {
    if (query.get(name)) form.elements[name].value = query.get(name);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    status.textContent = "Sending…";
    fetch(form.action, { method: "POST", body: new URLSearchParams(new FormData(form)) })
      .then(function (answer) {
        status.textContent = answer.ok ? "Thank you! We will be in touch." : "Please check the form and try again.";
        if (answer.ok) form.reset();
      })
      .catch(function () { status.textContent = "Could not send; please try again."; });
  });
})(document.currentScript.previousElementSibling);
</script>"""


def form_snippet(source: LeadSource, hook_url: str) -> str:
    """The form for ``source``, posting to ``hook_url``; its fields are the ones the hook reads."""
    required = set(source.required_fields)

    def field(label: str, name: str, kind: str = "text", autocomplete: str = "") -> str:
        extra = " required" if name in required else ""
        extra += f' autocomplete="{autocomplete}"' if autocomplete else ""
        return f'  <label>{label} <input name="{name}" type="{kind}"{extra}></label>'

    hidden = [f'  <input type="hidden" name="{name}" value="{escape(value, quote=True)}">' for name, value in (
        ("_token", source.token), ("_ts", ""), ("event_id", ""), ("page_url", ""), ("referrer", ""),
        ("utm_source", ""), ("utm_medium", ""), ("utm_campaign", ""), ("utm_term", ""), ("utm_content", ""))]
    message_required = " required" if "message" in required else ""
    trap = escape(source.honeypot_field, quote=True)
    lines = [
        f'<form action="{escape(hook_url, quote=True)}" method="post" data-crm-lead-form>',
        *hidden,
        field("Name", "name", autocomplete="name"),
        field("Email", "email", "email", "email"),
        field("Phone", "phone", "tel", "tel"),
        field("Company", "company", autocomplete="organization"),
        f'  <label>Message <textarea name="message" maxlength="2000"{message_required}></textarea></label>',
        '  <label><input type="checkbox" name="consent_privacy" value="yes" required> I accept the privacy '
        "policy</label>",
        '  <label><input type="checkbox" name="consent_marketing" value="yes"> Send me news and offers</label>',
        f'  <div aria-hidden="true" style="position:absolute;left:-10000px"><label>Leave empty <input name="{trap}" '
        'tabindex="-1" autocomplete="off"></label></div>',
        '  <button type="submit">Send</button>',
        '  <p data-crm-status role="status"></p>',
        "</form>",
        SCRIPT,
    ]
    return "\n".join(lines) + "\n"
