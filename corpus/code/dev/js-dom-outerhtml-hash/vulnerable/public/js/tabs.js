window.addEventListener("hashchange", () => {
  const tab = decodeURIComponent(location.hash.slice(1));
  const title = document.querySelector("#tab-title");
  title.outerHTML = `<h2 id="tab-title">${tab}</h2>`;
});
