// A list's filter form submits only the filters that are set, so that the address is
// the list's one canonical URL (no "?q=&level=&status=") and is served from the cache
// without a redirect. Browsers without this script get the same URL through the
// server's 301 (core.page_cache).
//
// Empty entries are dropped from the submitted data rather than their fields disabled:
// a disabled field would still be disabled when the reader comes Back to the page.
"use strict";

for (const form of document.querySelectorAll("form.filters")) {
  form.addEventListener("formdata", (event) => {
    for (const [name, value] of Array.from(event.formData.entries())) {
      if (typeof value === "string" && value.trim() === "") {
        event.formData.delete(name);
      }
    }
  });
}
