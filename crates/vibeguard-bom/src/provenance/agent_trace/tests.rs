use super::*;

fn cx() -> GateContext {
    GateContext {
        agent: "claude".into(),
        session: "s 1".into(),
        model: Some("claude-opus-4-5".into()),
        tool: "Edit".into(),
        decision: "allow".into(),
        revision: Some("a".repeat(40)),
        timestamp: "2025-03-01T10:00:00Z".into(),
        tool_version: "0.1.0".into(),
    }
}

#[test]
fn the_gate_records_only_the_lines_a_write_added() {
    let w = GateWrite {
        path: "src/a.py".into(),
        before: "one\ntwo\nthree\n".into(),
        after: "one\nTWO\nthree\nfour\n".into(),
    };
    let r = gate_record(&cx(), &[w]).expect("a record");
    let ranges = &r.files[0].conversations[0].ranges;
    let spans: Vec<(u32, u32)> = ranges.iter().map(|r| (r.start_line, r.end_line)).collect();
    assert_eq!(spans, vec![(2, 2), (4, 4)]);
    assert_eq!(
        ranges[0].content_hash.as_deref(),
        Some(range_hash(&["TWO"]).as_str())
    );
    assert_eq!(
        r.files[0].conversations[0]
            .contributor
            .as_ref()
            .unwrap()
            .model_id
            .as_deref(),
        Some("anthropic/claude-opus-4-5")
    );
    assert_eq!(r.gate_meta().unwrap().agent, "claude");
    // A deletion adds nothing: no record.
    let del = GateWrite {
        path: "src/a.py".into(),
        before: "one\ntwo\n".into(),
        after: "one\n".into(),
    };
    assert!(gate_record(&cx(), &[del]).is_none());
}

#[test]
fn records_round_trip_and_bad_lines_are_warnings() {
    let dir = tempfile::tempdir().unwrap();
    let w = GateWrite {
        path: "x.rs".into(),
        before: String::new(),
        after: "fn main() {}\n".into(),
    };
    let r = gate_record(&cx(), &[w]).unwrap();
    append(dir.path(), &r).unwrap();
    std::fs::write(
        dir.path().join(TRACE_DIR).join("other.jsonl"),
        "not json\n{\"version\":\"0.1.0\"}\n",
    )
    .unwrap();
    let set = read_dir(dir.path());
    assert_eq!(set.records, vec![r]);
    assert_eq!(set.warnings.len(), 2, "{:?}", set.warnings);
}
