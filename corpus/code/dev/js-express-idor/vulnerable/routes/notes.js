const express = require("express");
const Note = require("../models/note");
const router = express.Router();

router.get("/notes", async (req, res) => {
  res.json(await Note.find({ owner: req.user.id }));
});

router.put("/notes/:id", async (req, res) => {
  const note = await Note.findByIdAndUpdate(req.params.id, { body: req.body.body }, { new: true });
  res.json(note);
});

module.exports = router;
