// A list's filter form submits only the filters that are set, so that the address is
// the list's one canonical URL (no "?q=&level=&sort=code") and is served from the
// cache without a redirect: it leaves out empty fields and selects at their first
// option (the value a list applies when the parameter is absent: "Any level", the
// default sort). Browsers without this script get the same URL through the server's
// 301 (core.listing, core.page_cache).
//
// The entries are dropped from the submitted data rather than their fields disabled:
// a disabled field would still be disabled when the reader comes Back to the page.
"use strict";

for (const form of document.querySelectorAll("form.filters")) {
  form.addEventListener("formdata", (event) => {
    for (const select of form.querySelectorAll("select:not([multiple])")) {
      if (select.name && select.selectedIndex <= 0) {
        event.formData.delete(select.name);
      }
    }
    for (const [name, value] of Array.from(event.formData.entries())) {
      if (typeof value === "string" && value.trim() === "") {
        event.formData.delete(name);
      }
    }
  });
}
