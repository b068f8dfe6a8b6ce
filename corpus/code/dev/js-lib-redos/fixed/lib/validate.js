const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

function isSlug(value) {
  return SLUG.test(value);
}

module.exports = { isSlug };
