//! Statements and expressions: how each construct moves values, taint and constants.

use super::engine::{Engine, Frame, State, Status};
use super::summary::Summary;
use super::value::{
    Const, Label, ObjKind, Origin, Shape, Taint, Val, class, join_taint, neutralize, with_hop,
};
use crate::check::{AssignSite, CompareSite, Cx, JsxSite, ReturnSite};
use crate::ir::*;
use std::sync::Arc;

impl<'m> Engine<'m> {
    /// Interpret function `f` (once) and return its summary; `None` while it is being
    /// interpreted (a recursive call).
    pub(crate) fn analyze_function(&mut self, f: FuncId) -> Option<Arc<Summary>> {
        match self.status[f] {
            Status::Done => return self.summaries[f].clone(),
            Status::InProgress => {
                if self.frames.last().is_none_or(|fr| fr.func != f) {
                    self.order_sensitive.set(true);
                }
                return None;
            }
            Status::NotStarted => {}
        }
        self.status[f] = Status::InProgress;
        let module = self.module;
        let func = &module.funcs[f];
        let mut frame = Frame {
            func: f,
            state: State::default(),
            reachable: true,
            ret: None,
            records: Vec::new(),
            globals_decl: Vec::new(),
            loop_exits: Vec::new(),
            checks: std::collections::HashMap::new(),
            wraps: Vec::new(),
            guard_true: None,
            guard_exit: None,
            labelled: Vec::new(),
        };
        for (i, p) in func.params.iter().enumerate() {
            let v = self.param_value(f, i, p);
            frame.labelled.push(v.taint.as_ref().is_some_and(|t| {
                t.iter()
                    .any(|l| matches!(l.origin, Origin::Param(j) if j as usize == i))
            }));
            match &p.pattern {
                // `({ query, body }: Request) => ...`: the fields of a request (or web
                // context) parameter read as its attributes, like `req.query`.
                Pattern::Object(props, _)
                    if matches!(
                        v.shape,
                        Shape::Obj(ObjKind::Request(_) | ObjKind::WebContext)
                    ) =>
                {
                    for (k, pat) in props {
                        let elem = match k {
                            Some(k) => self.attr_of(&v, k, pat.span()),
                            None => Val::tainted(v.all_taint()),
                        };
                        bind_pattern(&mut frame.state, pat, elem);
                    }
                }
                _ => bind_pattern(&mut frame.state, &p.pattern, v),
            }
        }
        self.frames.push(frame);
        self.exec_block(&func.body);
        if self.frames.last().is_some_and(|f| f.reachable) {
            self.note_guard_exit(None);
        }
        let frame = self.frames.pop().expect("pushed above");
        if self.keep_exit.contains(&f) {
            let out = self.exit_ivars.get_or_insert_with(Default::default);
            for (k, v) in &frame.state {
                if k.starts_with('@') && !k.starts_with("@@") {
                    let v = match out.get(*k) {
                        Some(old) => join_vals(old, v),
                        None => v.clone(),
                    };
                    out.insert(k.to_string(), v);
                }
            }
        }
        let ret = match frame.ret {
            Some(r) => r,
            None if func.kind == FuncKind::Lambda => Val::unknown(),
            None => Val::constant(Const::Null),
        };
        if f == 0 {
            self.globals = Some(frame.state);
        }
        let summary = Arc::new(Summary {
            ret,
            records: frame.records,
            guard_true: frame.guard_true,
            guard_exit: frame.guard_exit,
        });
        self.summaries[f] = Some(summary.clone());
        self.status[f] = Status::Done;
        let rules = self.rules;
        for &i in &self.index.function {
            if self.active[i] {
                rules.rules[i].function(
                    &mut Cx {
                        engine: self,
                        rule: i,
                    },
                    f,
                );
            }
        }
        Some(summary)
    }

    pub(crate) fn frame(&mut self) -> &mut Frame<'m> {
        self.frames
            .last_mut()
            .expect("a function is being interpreted")
    }

    fn reachable(&self) -> bool {
        self.frames.last().is_some_and(|f| f.reachable)
    }

    pub(crate) fn exec_block(&mut self, b: &'m [Stmt]) {
        for s in b {
            if !self.reachable() {
                self.mark_dead_block(std::slice::from_ref(s));
                continue;
            }
            if self.out_of_budget() {
                return;
            }
            self.exec(s);
        }
    }

    fn exec(&mut self, s: &'m Stmt) {
        self.steps += 1;
        match &s.kind {
            StmtKind::Expr(e) => {
                self.eval(e);
                if self.terminates(e) {
                    self.frame().reachable = false;
                }
                self.raising_check(e);
            }
            StmtKind::Assign { target, value } => {
                if self.family == crate::syntax::Family::Java {
                    self.note_stream_wrapper(target, value);
                }
                let v = self.eval(value);
                self.raising_check(value);
                self.fire_assign(target, value, &v, s.span, false);
                if let Pattern::Name(n, _) = target {
                    let check = matches!(
                        &value.kind,
                        ExprKind::Attr(_, a) if matches!(a.as_str(), "netloc" | "hostname" | "host" | "origin")
                    ) || self.family == crate::syntax::Family::Go
                        && matches!(value.kind, ExprKind::Index(..))
                        || matches!(
                            value.kind,
                            ExprKind::Call(_)
                                | ExprKind::Compare(..)
                                | ExprKind::Unary(UnOp::Not, _)
                                | ExprKind::And(..)
                                | ExprKind::Or(..)
                        );
                    let checks = &mut self.frame().checks;
                    if check {
                        checks.insert(n.as_str(), value);
                    } else {
                        checks.remove(n.as_str());
                    }
                }
                // Go: `ips, err := net.LookupIP(host)`: the addresses keep the lookup
                // for the address checks to trace.
                if self.family == crate::syntax::Family::Go
                    && let Pattern::Seq(items, _) = target
                    && let Some(Some(Pattern::Name(n, _))) = items.first()
                {
                    let lookup = value
                        .as_call()
                        .and_then(|c| c.callee.last_name())
                        .is_some_and(|m| {
                            matches!(
                                m,
                                "LookupIP" | "LookupHost" | "LookupIPAddr" | "LookupNetIP"
                            )
                        });
                    let checks = &mut self.frame().checks;
                    if lookup {
                        checks.insert(n.as_str(), value);
                    } else {
                        checks.remove(n.as_str());
                    }
                }
                self.assign(target, v, s.span);
            }
            StmtKind::AugAssign { target, op, value } => {
                let cur = self.eval_pattern(target);
                let rhs = self.eval(value);
                let v = match op {
                    BinOp::Other => join_vals(&cur, &rhs),
                    _ => self.binop(*op, &cur, &rhs),
                };
                self.fire_assign(target, value, &v, s.span, true);
                self.assign(target, v, s.span);
            }
            StmtKind::Return(e) => {
                let v = match e {
                    Some(e) => {
                        let v = self.eval(e);
                        self.fire_return(e, &v, s.span);
                        v
                    }
                    None => Val::constant(Const::Null),
                };
                self.note_guard_exit(e.as_ref().map(|e| (e, &v)));
                let frame = self.frame();
                frame.ret = Some(match &frame.ret {
                    Some(r) => r.join(&v),
                    None => v,
                });
                frame.reachable = false;
            }
            StmtKind::If { cond, then, els } => self.exec_if(cond, then, els),
            StmtKind::While { cond, body } => {
                let c = self.eval(cond);
                if c.decided().is_some_and(|c| !c.truthy()) {
                    self.mark_dead_block(body);
                    return;
                }
                self.exec_loop(|e| e.exec_block(body));
            }
            StmtKind::For { target, iter, body } => {
                let it = self.eval(iter);
                let elem = element_of(&it);
                // `for info in getaddrinfo(host, None):`: the addresses a host resolves to.
                // The resolver raises rather than answer with none, so the body runs at
                // least once, and a check on each address (`if ip.is_private: return
                // False`) holds for the host after the loop; the loop variable keeps the
                // call it came from for the address checks to trace.
                let resolved = iter.as_call().is_some_and(|c| {
                    matches!(
                        c.callee.last_name(),
                        Some("getaddrinfo" | "gethostbyname_ex")
                    )
                }) || self.go_resolved_addresses(iter);
                // `for family, _, _, _, sockaddr in getaddrinfo(...)`: each name of the
                // tuple is a part of the address record.
                let names: Vec<&'m str> = match target {
                    Pattern::Name(n, _) => vec![n.as_str()],
                    Pattern::Seq(items, _) => items
                        .iter()
                        .filter_map(|p| match p {
                            Some(Pattern::Name(n, _)) => Some(n.as_str()),
                            _ => None,
                        })
                        .collect(),
                    _ => Vec::new(),
                };
                let checks = &mut self.frame().checks;
                for n in names {
                    if resolved {
                        checks.insert(n, iter);
                    } else {
                        checks.remove(n);
                    }
                }
                let run = |e: &mut Self| {
                    e.assign(target, elem.clone(), Span::default());
                    e.exec_block(body);
                };
                if resolved {
                    self.exec_loop_nonempty(run);
                } else {
                    self.exec_loop(run);
                }
            }
            StmtKind::Try {
                body,
                handlers,
                finally,
            } => self.exec_try(body, handlers, finally),
            StmtKind::With { items, body } => {
                for (e, target) in items {
                    let v = self.eval(e);
                    if let Some(t) = target {
                        self.assign(t, v, e.span);
                    }
                }
                self.exec_block(body);
            }
            StmtKind::Raise(e) => {
                if let Some(e) = e {
                    self.eval(e);
                }
                self.frame().reachable = false;
            }
            StmtKind::FuncDef(id) => {
                self.capture(*id);
                let name = self.module.funcs[*id].name.as_str();
                if !name.is_empty() && self.module.funcs[*id].kind != FuncKind::Method {
                    let v = Val {
                        shape: Shape::Func(*id),
                        ..Val::default()
                    };
                    self.frame().state.insert(name, v);
                }
            }
            StmtKind::Switch { subject, cases } => self.exec_switch(subject, cases),
            StmtKind::Jump => {
                let st = self.frame().state.clone();
                if let Some(exits) = self.frame().loop_exits.last_mut() {
                    exits.push(st);
                }
                self.frame().reachable = false;
            }
            StmtKind::Global(names) => {
                let frame = self.frame();
                for n in names {
                    frame.globals_decl.push(n.as_str());
                }
            }
            StmtKind::Block(b) => self.exec_block(b),
        }
    }

    /// `switch`: a subject that folds to a constant runs only the case it selects (and
    /// the cases it falls through to); otherwise every case runs from the state before
    /// the switch. A `break` ends its case: its state flows to the end of the switch.
    /// A `switch`, `match` or `case` statement. On a constant subject only the case it
    /// selects runs (the first whose labels include the subject, or the default), as
    /// long as every label before it is a constant too; otherwise every case runs from
    /// the state before the statement and the ends are joined. C-like switches (Java,
    /// JS, PHP) fall through from a case whose end is reachable and end at `break`; Go,
    /// Python and Ruby run one case only, and in Python and Ruby `break` belongs to the
    /// enclosing loop.
    fn exec_switch(&mut self, subject: &'m Expr, cases: &'m [(Vec<Expr>, Block)]) {
        use crate::syntax::Family;
        let falls_through = matches!(self.family, Family::Java | Family::Js | Family::Php);
        let break_ends_switch = !matches!(self.family, Family::Python | Family::Ruby);
        let sv = self.eval(subject);
        // `Some(i)`: only case `i` (and what it falls through to) runs; `Some(len)`:
        // no case does.
        let mut chosen = None;
        if let Some(sc) = sv.decided().filter(|_| sv.is_const()).cloned() {
            let mut decidable = true;
            'cases: for (i, (values, _)) in cases.iter().enumerate() {
                for v in values {
                    let cv = self.quiet(v);
                    match cv.as_const().filter(|_| cv.is_const()) {
                        Some(c) if *c == sc => {
                            chosen = Some(i);
                            break 'cases;
                        }
                        Some(_) => {}
                        None => {
                            decidable = false;
                            break 'cases;
                        }
                    }
                }
            }
            if chosen.is_none() && decidable {
                chosen = Some(
                    cases
                        .iter()
                        .position(|(v, _)| v.is_empty())
                        .unwrap_or(cases.len()),
                );
            }
        }
        let pre = self.frame().state.clone();
        let mut outs: Vec<State<'m>> = Vec::new();
        let mut has_default = false;
        if break_ends_switch {
            self.frame().loop_exits.push(Vec::new());
        }
        if let Some(c) = chosen {
            // Run the selected case, falling through while its end is reachable where
            // the language falls through.
            let mut running = false;
            for (i, (_, body)) in cases.iter().enumerate() {
                if i == c {
                    running = true;
                } else if running && !falls_through {
                    running = false;
                }
                if running && self.reachable() {
                    self.exec_block(body);
                } else {
                    self.mark_dead_block(body);
                }
            }
            if self.reachable() {
                outs.push(self.frame().state.clone());
            }
        } else {
            for (values, body) in cases {
                if values.is_empty() {
                    has_default = true;
                }
                self.frame().state = pre.clone();
                self.frame().reachable = true;
                for v in values {
                    self.eval(v);
                }
                let refs = self.case_refinements(subject, values);
                self.seed_request_paths(subject, &refs, &[]);
                self.apply_refinements(&refs);
                self.exec_block(body);
                if self.reachable() {
                    outs.push(self.frame().state.clone());
                }
            }
            if !has_default {
                outs.push(pre);
            }
        }
        if break_ends_switch {
            let exits = self.frame().loop_exits.pop().unwrap_or_default();
            outs.extend(exits);
        }
        self.merge_states(outs);
    }

    /// Join the reachable end states of several paths into the current state.
    fn merge_states(&mut self, outs: Vec<State<'m>>) {
        let mut it = outs.into_iter();
        match it.next() {
            None => self.frame().reachable = false,
            Some(first) => {
                let joined = it.fold(first, |a, b| join_states(&a, &b));
                let frame = self.frame();
                frame.state = joined;
                frame.reachable = true;
            }
        }
    }

    fn exec_if(&mut self, cond: &'m Expr, then: &'m [Stmt], els: &'m [Stmt]) {
        let c = self.eval(cond);
        match c
            .decided()
            .map(|c| c.truthy())
            .or_else(|| self.fold_truth(cond))
        {
            Some(true) => {
                self.mark_dead_block(els);
                self.exec_block(then);
                return;
            }
            Some(false) => {
                self.mark_dead_block(then);
                self.exec_block(els);
                return;
            }
            None => {}
        }
        self.php_bind_unassigned(cond);
        let (on_true, on_false) = self.refinements(cond);
        self.seed_request_paths(cond, &on_true, &on_false);
        let pre = self.frame().state.clone();
        self.apply_refinements(&on_true);
        self.exec_block(then);
        let then_out = self.reachable().then(|| self.frame().state.clone());
        let frame = self.frame();
        frame.state = pre;
        frame.reachable = true;
        self.apply_refinements(&on_false);
        self.exec_block(els);
        let else_out = self.reachable().then(|| self.frame().state.clone());
        self.merge_states(then_out.into_iter().chain(else_out).collect());
    }

    /// Whether a condition holds when that does not depend on the values it names:
    /// `x and 1 == 2` is false and `x or 2 > 1` true whatever `x` is.
    fn fold_truth(&mut self, cond: &'m Expr) -> Option<bool> {
        match &cond.kind {
            ExprKind::And(l, r) => match (self.fold_truth(l), self.fold_truth(r)) {
                (Some(false), _) | (_, Some(false)) => Some(false),
                (Some(true), Some(true)) => Some(true),
                _ => None,
            },
            ExprKind::Or(l, r) => match (self.fold_truth(l), self.fold_truth(r)) {
                (Some(true), _) | (_, Some(true)) => Some(true),
                (Some(false), Some(false)) => Some(false),
                _ => None,
            },
            ExprKind::Unary(UnOp::Not, e) => self.fold_truth(e).map(|b| !b),
            // `1 == 2`, `2 * 3 > 5`: literals only, nothing to run twice.
            _ if literal_only(cond) => {
                let v = self.eval(cond);
                v.decided().filter(|_| v.is_const()).map(|c| c.truthy())
            }
            _ => {
                let v = self.quiet(cond);
                v.decided().filter(|_| v.is_const()).map(|c| c.truthy())
            }
        }
    }

    /// Run a loop body twice (enough for values to flow around the back edge once) and
    /// join with the state before the loop and at every `break`.
    fn exec_loop(&mut self, body: impl FnMut(&mut Self)) {
        self.exec_loop_from(body, false);
    }

    /// [`Engine::exec_loop`] for a loop whose body runs at least once: the state after
    /// it is not joined with the state before the loop.
    fn exec_loop_nonempty(&mut self, body: impl FnMut(&mut Self)) {
        self.exec_loop_from(body, true);
    }

    fn exec_loop_from(&mut self, mut body: impl FnMut(&mut Self), nonempty: bool) {
        let pre = self.frame().state.clone();
        self.frame().loop_exits.push(Vec::new());
        body(self);
        let mut cur = if !self.reachable() {
            pre.clone()
        } else if nonempty {
            self.frame().state.clone()
        } else {
            join_states(&pre, &self.frame().state)
        };
        let frame = self.frame();
        frame.state = cur.clone();
        frame.reachable = true;
        body(self);
        if self.reachable() {
            cur = join_states(&cur, &self.frame().state);
        }
        let exits = self.frame().loop_exits.pop().unwrap_or_default();
        for e in exits {
            cur = join_states(&cur, &e);
        }
        let frame = self.frame();
        frame.state = cur;
        frame.reachable = true;
    }

    fn exec_try(&mut self, body: &'m [Stmt], handlers: &'m [Handler], finally: &'m [Stmt]) {
        let pre = self.frame().state.clone();
        // Any statement of the body may raise: a handler sees the state before the try
        // joined with the state after each statement (`x = input(); x = int(x)` raising
        // in `int` leaves `x` the raw text in the handler).
        let mut raised = pre.clone();
        for s in body {
            if !self.reachable() {
                self.mark_dead_block(std::slice::from_ref(s));
                continue;
            }
            if self.out_of_budget() {
                break;
            }
            self.exec(s);
            raised = join_states(&raised, &self.frame().state);
        }
        let body_reachable = self.reachable();
        let after_body = self.frame().state.clone();
        let mut outs = Vec::new();
        if body_reachable {
            outs.push(after_body.clone());
        }
        for h in handlers {
            let frame = self.frame();
            frame.state = join_states(&raised, &after_body);
            frame.reachable = true;
            if let Some(name) = &h.name {
                let v = self.exception_value(h);
                self.frame().state.insert(name.as_str(), v);
            }
            self.exec_block(&h.body);
            if self.reachable() {
                outs.push(self.frame().state.clone());
            }
        }
        self.merge_states(outs);
        if !finally.is_empty() {
            let was = self.reachable();
            self.frame().reachable = true;
            self.exec_block(finally);
            if !was {
                self.frame().reachable = false;
            }
        }
    }

    /// A call that raises unless its argument passes a check: past it (and in a `try`
    /// body, on the path where nothing was raised) the argument passed.
    /// `p.relative_to(base)` on a resolved path keeps `p` under `base`.
    fn raising_check(&mut self, e: &Expr) {
        if self.asserting_call(e) {
            return;
        }
        if self.family != crate::syntax::Family::Python {
            return;
        }
        let Some(c) = e.as_call() else { return };
        if let ExprKind::Attr(recv, m) = &c.callee.kind
            && m == "relative_to"
            && c.args.len() == 1
            && let Some(n) = recv.as_name()
            && self.quiet(recv).normalized
        {
            self.apply_refinements(&[(n.to_string(), class::PATH)]);
            return;
        }
        // `ipaddress.ip_address(host)`, `uuid.UUID(x)`, `int(x)`: the text parses as an
        // address, a UUID or a number.
        let parses = match &self.quiet(&c.callee).shape {
            Shape::Ref(p) => matches!(
                &**p,
                "ipaddress.ip_address"
                    | "ipaddress.IPv4Address"
                    | "ipaddress.IPv6Address"
                    | "uuid.UUID"
                    | "int"
                    | "float"
            ),
            _ => false,
        };
        if parses
            && c.args.first().is_some_and(|a| a.name.is_none())
            && let Some(n) = c.arg(0).and_then(Expr::as_name)
        {
            self.apply_refinements(&[(n.to_string(), class::ALL)]);
        }
    }

    /// A call that ends the request (or throws) unless its condition holds: Laravel's
    /// `abort_unless($ok, 403)` / `throw_unless`, Spring's `Assert.isTrue(ok, msg)`,
    /// Guava's `Preconditions.checkArgument(ok)`, commons-lang's `Validate.isTrue(ok)`;
    /// `abort_if($bad, 403)` / `throw_if` end it when the condition holds. Past the call,
    /// what the surviving outcome tells holds.
    fn asserting_call(&mut self, e: &Expr) -> bool {
        use crate::syntax::Family;
        let Some(c) = e.as_call() else { return false };
        let Some(cond) = c.arg(0) else { return false };
        let owner = match &c.callee.kind {
            ExprKind::Attr(b, _) => b.last_name(),
            _ => None,
        };
        let holds = match (self.family, c.callee.last_name(), owner) {
            (Family::Php, Some("abort_unless" | "throw_unless"), None) => true,
            (Family::Php, Some("abort_if" | "throw_if"), None) => false,
            (Family::Java, Some("isTrue" | "state"), Some("Assert" | "Validate"))
            | (Family::Java, Some("checkArgument" | "checkState"), Some("Preconditions")) => true,
            _ => return false,
        };
        let (on_true, on_false) = self.refinements(cond);
        self.apply_refinements(if holds { &on_true } else { &on_false });
        true
    }

    /// The value bound by `except E as e` / `catch (e)`: an exception whose text is
    /// error detail.
    fn exception_value(&self, h: &Handler) -> Val {
        let label = Label {
            origin: Origin::ErrorDetail,
            neutral: 0,
            trace: self.hop(h.span, "caught exception".into(), None),
            strong: true,
        };
        Val {
            taint: Some(Arc::new(vec![label])),
            shape: Shape::Obj(ObjKind::Exception),
            ..Val::default()
        }
    }

    /// Remember the enclosing function's variables for a nested function or lambda.
    pub(crate) fn capture(&mut self, id: FuncId) {
        let Some(frame) = self.frames.last() else {
            return;
        };
        if frame.func == 0 {
            return;
        }
        let mut scope = match &self.outer[frame.func] {
            Some(o) => o.as_ref().clone(),
            None => State::default(),
        };
        for (k, v) in &frame.state {
            scope.insert(k, super::value::shift_params(v));
        }
        self.outer[id] = Some(Arc::new(scope));
    }

    /// A statement that never completes normally: `abort(403)`, `sys.exit()`.
    fn terminates(&self, e: &Expr) -> bool {
        let Some(c) = e.as_call() else { return false };
        let Some(name) = c.callee.last_name() else {
            return false;
        };
        matches!(
            name,
            "abort" | "exit" | "_exit" | "die" | "panic" | "Fatal" | "Fatalf" | "Exit"
        ) || self
            .path_of(&c.callee)
            .is_some_and(|p| matches!(p.as_str(), "sys.exit" | "os._exit" | "process.exit"))
            // Sinatra's and Roda's `halt 400`, Grape's `error!("...", 400)`: they throw.
            || matches!(name, "halt" | "error!") && self.family == crate::syntax::Family::Ruby
            // Koa's `ctx.throw(400, "...")` always throws.
            || name == "throw"
                && self.family == crate::syntax::Family::Js
                && matches!(&c.callee.kind, ExprKind::Attr(b, _)
                    if b.as_name().and_then(|n| self.lookup(n))
                        .is_some_and(|v| matches!(v.shape, Shape::Obj(ObjKind::WebContext))))
    }

    /// Mark functions defined in code that never runs.
    pub(crate) fn mark_dead_block(&mut self, b: &'m [Stmt]) {
        let mut ids = Vec::new();
        collect_funcs_block(b, &mut ids);
        for id in ids {
            if self.status[id] == Status::NotStarted {
                self.dead[id] = true;
                let mut nested = Vec::new();
                collect_funcs_block(&self.module.funcs[id].body, &mut nested);
                for n in nested {
                    self.dead[n] = true;
                }
            }
        }
    }

    // ----- names and assignment -----

    pub(crate) fn lookup(&self, name: &str) -> Option<Val> {
        let frame = self.frames.last()?;
        if let Some(v) = frame.state.get(name) {
            return Some(v.clone());
        }
        if !frame.globals_decl.contains(&name)
            && let Some(outer) = &self.outer[frame.func]
            && let Some(v) = outer.get(name)
        {
            return Some(v.clone());
        }
        let module_state = match self.frames.first() {
            Some(f0) if f0.func == 0 => Some(&f0.state),
            _ => self.globals.as_ref(),
        };
        let initial = module_state.and_then(|s| s.get(name)).cloned();
        // Python: `import requests` inside a function binds the name there, over a
        // module-level definition of the same name (`def requests(): import requests`).
        if initial.is_some()
            && self.family == crate::syntax::Family::Python
            && frame.func != 0
            && let Some(imp) = self.imports.get(name)
            && let f = self.module.funcs[frame.func].span
            && f.start <= imp.span.start
            && imp.span.end <= f.end
        {
            return None;
        }
        // A Java field that methods assign: not only its initial value.
        if frame.func != 0
            && let Some(v) = self.written_field(name, initial.clone())
        {
            return Some(v);
        }
        initial
    }

    /// Ruby: the value of an instance variable (of the enclosing class) or global (of the
    /// file) that every assignment sets to a literal: that literal when they agree, a
    /// trusted value when they differ; `None` when one is not a literal or none exists.
    fn ruby_field_const(&self, name: &str) -> Option<Val> {
        let class = if name.starts_with('@') {
            let mut f = self.current_func();
            loop {
                let func = &self.module.funcs[f];
                if let Some(c) = &func.class {
                    break c.clone();
                }
                f = func.parent?;
            }
        } else {
            String::new()
        };
        let key = (class, name.to_string());
        if let Some(hit) = self.field_consts.borrow().get(&key) {
            return hit.clone();
        }
        let mut values: Vec<&Expr> = Vec::new();
        for f in &self.module.funcs {
            if !key.0.is_empty() && f.class.as_deref() != Some(key.0.as_str()) {
                continue;
            }
            crate::ir::find_assignments(&f.body, name, &mut |e| values.push(e));
        }
        let lit = |e: &Expr| match &e.kind {
            ExprKind::Str(s) => Some(Val::str(s)),
            ExprKind::Num(n) => Some(Val::constant(Const::Num(*n))),
            ExprKind::Bool(b) => Some(Val::constant(Const::Bool(*b))),
            _ => None,
        };
        let got = if values.is_empty() {
            None
        } else {
            let lits: Option<Vec<Val>> = values.iter().map(|e| lit(e)).collect();
            lits.map(|l| {
                let texts: Vec<_> = values.iter().map(|e| &e.kind).collect();
                let same = texts.windows(2).all(|w| match (w[0], w[1]) {
                    (ExprKind::Str(a), ExprKind::Str(b)) => a == b,
                    (ExprKind::Num(a), ExprKind::Num(b)) => a == b,
                    (ExprKind::Bool(a), ExprKind::Bool(b)) => a == b,
                    _ => false,
                });
                if same { l[0].clone() } else { Val::trusted() }
            })
        };
        self.field_consts.borrow_mut().insert(key, got.clone());
        got
    }

    /// Ruby: the method a bare name calls, when it names a method of the enclosing class
    /// (bound as a function or not bound at all) that needs no arguments.
    fn bare_method_call(&self, name: &str, bound: Option<&Val>) -> Option<FuncId> {
        let id = match bound {
            Some(v) => match v.shape {
                Shape::Func(id) => id,
                _ => return None,
            },
            None => {
                let mut f = self.current_func();
                let class = loop {
                    let func = &self.module.funcs[f];
                    if let Some(c) = &func.class {
                        break c;
                    }
                    f = func.parent?;
                };
                let c = self.module.classes.iter().find(|c| &c.name == class)?;
                c.methods
                    .iter()
                    .copied()
                    .find(|&m| self.module.funcs[m].name == name)?
            }
        };
        let f = &self.module.funcs[id];
        (f.kind == FuncKind::Method
            && f.params
                .iter()
                .all(|p| p.default.is_some() || p.kind != crate::ir::ParamKind::Plain))
        .then_some(id)
    }

    /// The value of a name not bound in any scope: an import, or a global of the
    /// language (`open`, `eval`, `document`).
    /// Which of several imports of `name` a use at `span` sees, when the file imports
    /// the name more than once (`from xml.etree import ElementTree` in one function,
    /// `from defusedxml.etree import ElementTree` in another; `from django.template
    /// import Template`, later `from other import Template`): an import in the current
    /// function above the use, else a module-level one; module-level code runs in order,
    /// so it sees the import above it. `None` when the name is imported once.
    fn python_import_in_scope(&self, name: &str, span: Span) -> Option<&'m crate::ir::Import> {
        if !self.imported_twice.contains(name) {
            return None;
        }
        let module: &'m crate::ir::Module = self.module;
        let func = self.current_func();
        let in_func = |i: &crate::ir::Import, f: usize| {
            let s = module.funcs[f].span;
            s.start <= i.span.start && i.span.end <= s.end
        };
        // Module level: not inside any function or method.
        let top = |i: &crate::ir::Import| (1..module.funcs.len()).all(|f| !in_func(i, f));
        let candidates = || module.imports.iter().filter(|i| i.alias == name);
        if func != 0
            && let Some(i) = candidates().rfind(|i| in_func(i, func) && i.span.end <= span.start)
        {
            return Some(i);
        }
        candidates().rfind(|i| top(i) && (func != 0 || i.span.end <= span.start))
    }

    pub(crate) fn free_name(&self, name: &str, span: Span) -> Val {
        // PHP's `$this` in a method: an object of the method's class.
        if self.family == crate::syntax::Family::Php
            && name == "this"
            && let Some(cls) = self
                .frames
                .last()
                .and_then(|f| self.module.funcs[f.func].class.as_deref())
        {
            return Val::obj(ObjKind::Instance(cls.to_string()));
        }
        // An instance variable or global every assignment in the class (file) sets to a
        // constant (`@pass = "x"` in `initialize`) holds that constant.
        if self.family == crate::syntax::Family::Ruby
            && (name.starts_with('@') && !name.starts_with("@@") || name.starts_with('$'))
            && let Some(v) = self.ruby_field_const(name)
        {
            return v;
        }
        // A Rails partial reads the locals its renderers pass, and their instance
        // variables.
        let in_view = self.family == crate::syntax::Family::Ruby
            && !name.starts_with('$')
            && !name.starts_with("@@")
            && self.file.contains("app/views/");
        if in_view
            && let Some(p) = self.project
            && let Some(vars) = p.partial_locals(&self.file, self.rules)
            && let Some(v) = vars.get(name)
        {
            return v.clone();
        }
        // A Rails view reads the instance variables its controller action set (and the
        // locals it passed).
        if in_view
            && let Some(p) = self.project
            && let Some(vars) = p.view_ivars(&self.file, self.rules)
            && let Some(v) = vars.get(name)
        {
            return v.clone();
        }
        // A Java method reads its class's fields by their bare name.
        if self.family == crate::syntax::Family::Java
            && let Some(cls) = self
                .frames
                .last()
                .and_then(|f| self.module.funcs[f.func].class.as_deref())
            && let Some(v) = self.field_value(cls, name, span)
        {
            return v;
        }
        if let Some(imp) = self.imports.get(name) {
            let imp = if self.family == crate::syntax::Family::Python {
                self.python_import_in_scope(name, span).unwrap_or(imp)
            } else {
                imp
            };
            let path = if imp.level > 0 && !imp.path.starts_with('.') {
                format!("{}{}", ".".repeat(imp.level as usize), imp.path)
            } else {
                imp.path.clone()
            };
            return self.ref_value(&path, span);
        }
        // Java: `import com.example.util.*;` brings the project's class
        // `com/example/util/Name.java` into scope as `Name`.
        if self.family == crate::syntax::Family::Java
            && name.starts_with(|c: char| c.is_ascii_uppercase())
            && let Some(project) = self.project
            && !self.module.classes.iter().any(|c| c.name == name)
        {
            for imp in &self.module.imports {
                if imp.alias == "*" {
                    let full = format!("{}.{name}", imp.path);
                    if project.java_class(&self.file, &full).is_some() {
                        return Val::reference(&full);
                    }
                }
            }
        }
        // `from Crypto.Cipher import *` brings `DES` into scope.
        if self.family == crate::syntax::Family::Python
            && !PY_BUILTINS.contains(&name)
            && let Some(star) = self.imports.get("*")
        {
            return self.ref_value(&format!("{}.{name}", star.path), span);
        }
        // TypeScript: `this.route` in a class whose constructor declares `route` with a
        // type the sources know (`private route: ActivatedRoute`).
        if self.family == crate::syntax::Family::Js
            && name == "this"
            // (only where a type the sources know can be imported: a cheap test first)
            && self.module.imports.iter().any(|i| {
                ["@angular/router", "express", "next", "fastify", "@hapi", "http", "node:http"]
                    .iter()
                    .any(|m| i.path.starts_with(m))
            })
            && let Some(cls) = self
                .frames
                .last()
                .and_then(|f| self.module.funcs[f.func].class.as_deref())
            && self.module.funcs.iter().any(|f| {
                f.name == "constructor"
                    && f.class.as_deref() == Some(cls)
                    && f.params.iter().any(|p| {
                        p.annotation
                            .as_deref()
                            .is_some_and(|a| self.js_typed_param(a.trim(), p.span).is_some())
                    })
            })
        {
            return Val::obj(ObjKind::Instance(cls.to_string()));
        }
        // A snippet's undeclared `req` / `res` (bound nowhere in the file: a piece of a
        // handler): the request and the response, weak like parameters so named.
        if self.family == crate::syntax::Family::Js
            && matches!(name, "req" | "request" | "res")
            && !self.module_binds(name)
        {
            return if name == "res" {
                Val::obj(ObjKind::Response)
            } else {
                Val::obj(ObjKind::Request(false))
            };
        }
        self.ref_value(name, span)
    }

    /// Go: `range ips` where `ips, err := net.LookupIP(host)`: the addresses a host
    /// resolves to (the lookup fails rather than answer with none).
    fn go_resolved_addresses(&self, iter: &Expr) -> bool {
        self.family == crate::syntax::Family::Go
            && iter.as_name().is_some_and(|n| {
                self.frames
                    .last()
                    .and_then(|f| f.checks.get(n))
                    .and_then(|v| v.as_call())
                    .is_some_and(|c| {
                        matches!(
                            c.callee.last_name(),
                            Some("LookupIP" | "LookupHost" | "LookupIPAddr" | "LookupNetIP")
                        )
                    })
            })
    }

    /// Does the module's top level declare `name` (a variable or a function)?
    fn module_binds(&self, name: &str) -> bool {
        self.module.funcs.iter().any(|f| f.parent == Some(0) && f.name == name)
            || self.module.funcs[0].body.iter().any(|s| {
                matches!(&s.kind, StmtKind::Assign { target, .. } if pattern_binds(target, name))
            })
    }

    fn assign(&mut self, p: &'m Pattern, v: Val, span: Span) {
        match p {
            Pattern::Name(n, nspan) => {
                let v = if v.taint.is_some() && span != Span::default() {
                    Val {
                        taint: with_hop(
                            &v.taint,
                            &self.file,
                            *nspan,
                            self.line_of(nspan.start),
                            &format!("assigned to `{n}`"),
                        ),
                        ..v
                    }
                } else {
                    v
                };
                let frame = self.frame();
                if frame.globals_decl.contains(&n.as_str())
                    && let Some(g) = self.globals.as_mut()
                {
                    g.insert(n.as_str(), v.clone());
                }
                self.store_field(n.as_str(), &v);
                self.frame().state.insert(n.as_str(), v);
            }
            Pattern::Attr(obj, attr, _) => {
                // obj.attr = v: track the property on a local variable.
                if let Some(root) = obj.as_name() {
                    let cur = self
                        .lookup(root)
                        .unwrap_or_else(|| self.free_name(root, obj.span));
                    if matches!(cur.shape, Shape::Ref(_)) {
                        return;
                    }
                    // An instance of a plain record class of this file (no methods but
                    // `__init__`; in Java, fields and no methods at all): its properties
                    // are tracked one by one like a dict's.
                    let record = matches!(&cur.shape, Shape::Obj(ObjKind::Instance(cls))
                    if self.module.classes.iter().any(|c| {
                            &c.name == cls
                                && c.bases.is_empty()
                                && match self.family {
                                    crate::syntax::Family::Python => c.methods
                                        .iter()
                                        .all(|m| self.module.funcs[*m].name == "__init__"),
                                    crate::syntax::Family::Java => {
                                        c.methods.is_empty() && !c.fields.is_empty()
                                    }
                                    _ => false,
                                }
                        }));
                    let keep_kind = matches!(cur.shape, Shape::Obj(_)) && !record;
                    let v = if is_url_query_part(attr) {
                        query_part_value(v)
                    } else {
                        v
                    };
                    let updated = if keep_kind {
                        Val {
                            taint: join_taint(&cur.taint, &v.all_taint()),
                            ..cur
                        }
                    } else {
                        cur.with_field(attr, v)
                    };
                    self.frame().state.insert(root_key(obj), updated);
                } else {
                    self.taint_into(obj, &v.all_taint());
                }
            }
            Pattern::Index(obj, key, _) => {
                let k = self.eval(key);
                let kname = k
                    .const_str()
                    .map(|s| s.to_string())
                    .or_else(|| match k.as_const() {
                        Some(Const::Num(n)) => Some(format!("{n}")),
                        _ => None,
                    });
                match (obj.as_name(), kname) {
                    (Some(root), Some(kname)) => {
                        // Ruby: `params[:page] = 1` sets one key of the request's
                        // parameters; the others still come from the request.
                        let cur = match self.lookup(root) {
                            Some(c) => c,
                            None if self.family == crate::syntax::Family::Ruby => {
                                self.free_name(root, obj.span)
                            }
                            None => Val::default(),
                        };
                        if matches!(cur.shape, Shape::Ref(_) | Shape::Obj(_)) {
                            return;
                        }
                        // The path shows where input is stored into a container.
                        let v = if v.taint.is_some() && span != Span::default() {
                            Val {
                                taint: with_hop(
                                    &v.taint,
                                    &self.file,
                                    p.span(),
                                    self.line_of(p.span().start),
                                    &format!("stored in `{root}[{kname:?}]`"),
                                ),
                                ..v
                            }
                        } else {
                            v
                        };
                        let updated = match &cur.shape {
                            Shape::Seq(items) => {
                                let mut items = items.as_ref().clone();
                                match kname.parse::<f64>().ok().map(|i| i as usize) {
                                    Some(i) if i < items.len() => items[i] = v,
                                    _ => {
                                        return self.taint_into(
                                            obj,
                                            &join_taint(&v.all_taint(), &k.taint),
                                        );
                                    }
                                }
                                Val {
                                    shape: Shape::Seq(Arc::new(items)),
                                    ..cur
                                }
                            }
                            _ => cur.with_field(&kname, v),
                        };
                        self.frame().state.insert(root_key(obj), updated);
                    }
                    _ => {
                        let t = join_taint(&v.all_taint(), &k.taint);
                        self.taint_into(obj, &t);
                    }
                }
            }
            Pattern::Seq(items, _) => {
                let star = items
                    .iter()
                    .position(|p| matches!(p, Some(Pattern::Star(_))));
                for (i, item) in items.iter().enumerate() {
                    let Some(item) = item else { continue };
                    let elem = match (&v.shape, star) {
                        (Shape::Seq(vals), None) => vals.get(i).cloned().unwrap_or_default(),
                        (Shape::Seq(vals), Some(s)) if i < s => {
                            vals.get(i).cloned().unwrap_or_default()
                        }
                        _ => element_of(&v),
                    };
                    let item = match item {
                        Pattern::Star(inner) => inner.as_ref(),
                        other => other,
                    };
                    self.assign(item, elem, span);
                }
            }
            Pattern::Object(props, _) => {
                for (key, pat) in props {
                    let elem = match key {
                        Some(k) => self.attr_of(&v, k, p.span()),
                        None => Val::tainted(v.all_taint()),
                    };
                    self.assign(pat, elem, span);
                }
            }
            Pattern::Star(inner) => self.assign(inner, v, span),
            Pattern::Default(inner, def) => {
                let d = self.eval(def);
                let v = if v.as_const().is_some_and(|c| *c == Const::Null) {
                    d
                } else {
                    v.join(&d)
                };
                self.assign(inner, v, span);
            }
            Pattern::Ignore => {}
        }
    }

    /// Add taint to the variable an expression is rooted at (`lst.append(x)`,
    /// `obj.items[k] = x`).
    pub(crate) fn taint_into(&mut self, target: &'m Expr, t: &Taint) {
        if t.is_none() {
            return;
        }
        // The attribute right under the variable (`resp` in `resp.headers[k] = v` gets
        // the taint on its `headers`, not on itself).
        let mut root = target;
        let mut first_attr: Option<&str> = None;
        loop {
            match &root.kind {
                ExprKind::Attr(b, a) => {
                    first_attr = Some(a);
                    root = b;
                }
                ExprKind::Index(b, _) | ExprKind::Slice(b) => {
                    first_attr = None;
                    root = b;
                }
                _ => break,
            }
        }
        let Some(name) = root.as_name() else { return };
        let Some(cur) = self.lookup(name) else { return };
        if matches!(cur.shape, Shape::Ref(_) | Shape::Func(_)) {
            return;
        }
        let updated = match first_attr {
            Some(a) if !matches!(cur.shape, Shape::Obj(_)) => {
                let field = cur.field(a).unwrap_or_default();
                let field = Val {
                    taint: join_taint(&field.taint, t),
                    trusted: false,
                    ..field
                };
                cur.with_field(a, field)
            }
            _ => Val {
                taint: join_taint(&cur.taint, t),
                trusted: false,
                ..cur
            },
        };
        self.frame().state.insert(root_key(root), updated);
    }

    fn eval_pattern(&mut self, p: &'m Pattern) -> Val {
        match p {
            Pattern::Name(n, s) => self.lookup(n).unwrap_or_else(|| self.free_name(n, *s)),
            Pattern::Attr(obj, attr, s) => {
                let o = self.eval(obj);
                self.attr_of(&o, attr, *s)
            }
            Pattern::Index(obj, key, _) => {
                let o = self.eval(obj);
                let k = self.eval(key);
                index_of(&o, &k)
            }
            _ => Val::unknown(),
        }
    }

    // ----- rule hooks -----

    fn fire_assign(
        &mut self,
        target: &'m Pattern,
        value: &'m Expr,
        v: &Val,
        span: Span,
        aug: bool,
    ) {
        if self.index.assign.is_empty() {
            return;
        }
        let target_path = pattern_path(target);
        // A computed key is evaluated again by `assign`; the rule hooks it may fire are
        // reported once (findings are deduplicated by rule and span).
        let key = match target {
            Pattern::Index(_, k, _) if !matches!(k.kind, ExprKind::Str(_) | ExprKind::Num(_)) => {
                Some(self.eval(k))
            }
            _ => None,
        };
        let site = AssignSite {
            target,
            target_path,
            value,
            val: v,
            key,
            span,
            top_level: self.current_func() == 0,
            augmented: aug,
        };
        let rules = self.rules;
        let index = self.index;
        for &i in &index.assign {
            if self.active[i] {
                rules.rules[i].assign(
                    &mut Cx {
                        engine: self,
                        rule: i,
                    },
                    &site,
                );
            }
        }
    }

    fn fire_return(&mut self, value: &'m Expr, v: &Val, span: Span) {
        if self.index.ret.is_empty() {
            return;
        }
        let site = ReturnSite {
            value,
            val: v,
            span,
            func: self.current_func(),
        };
        let rules = self.rules;
        let index = self.index;
        for &i in &index.ret {
            if self.active[i] {
                rules.rules[i].ret(
                    &mut Cx {
                        engine: self,
                        rule: i,
                    },
                    &site,
                );
            }
        }
    }

    // ----- expressions -----

    pub(crate) fn eval(&mut self, e: &'m Expr) -> Val {
        self.steps += 1;
        match &e.kind {
            ExprKind::Name(n) => {
                let v = self.lookup(n);
                // Ruby: a bare method name is a call of the method (`@input = helper`).
                if self.family == crate::syntax::Family::Ruby
                    && let Some(id) = self.bare_method_call(n, v.as_ref())
                {
                    let bound = vec![Val::unknown(); self.module.funcs[id].params.len()];
                    return self.apply_summary(id, e.span, bound);
                }
                // ActiveRecord's `quoted_table_name`, `primary_key` in a model's method.
                if v.is_none()
                    && self.family == crate::syntax::Family::Ruby
                    && super::calls::RUBY_SCHEMA_NAMES.contains(&n.as_str())
                {
                    return Val::trusted();
                }
                v.unwrap_or_else(|| self.free_name(n, e.span))
            }
            // Rails' `params[:controller]` / `params[:action]` are set by the router to
            // a controller and action of the application, not chosen freely.
            ExprKind::Attr(b, name)
                if self.family == crate::syntax::Family::Ruby
                    && matches!(name.as_str(), "controller" | "action")
                    && b.as_name() == Some("params")
                    && self.lookup("params").is_none() =>
            {
                Val::trusted()
            }
            // Grape: a parameter the endpoint's `params` block coerces (`requires :id,
            // type: Integer`) or restricts to listed `values:`.
            ExprKind::Attr(b, name)
                if self.family == crate::syntax::Family::Ruby
                    && matches!(b.as_name(), Some("params" | "declared"))
                    && self.lookup("params").is_none()
                    && self.grape_typed_param(name) =>
            {
                Val::trusted()
            }
            ExprKind::Attr(b, name) => {
                if let Some(v) = self.refined_request_path(e) {
                    return v;
                }
                let bv = self.eval(b);
                // Go: a field of a struct of this file whose gin `binding` rules leave only
                // values the program chose (`binding:"oneof=name price"`), once the struct
                // was filled from the request (the binder rejects other values).
                if self.family == crate::syntax::Family::Go
                    && bv.all_taint().is_some()
                    && let Shape::Obj(ObjKind::Instance(cls)) = &bv.shape
                    && self
                        .module
                        .classes
                        .iter()
                        .any(|c| &c.name == cls && c.fields.iter().any(|(f, _)| f == name))
                {
                    return Val::trusted();
                }
                // Ruby: `User.first`, `Post.all` (a query read like an attribute):
                // records of a model class, stored input.
                if self.family == crate::syntax::Family::Ruby
                    && let Shape::Ref(class) = &bv.shape
                    && super::models::record_query(class, name)
                {
                    return self.source_label(
                        super::value::SourceKind::Stored,
                        true,
                        e.span,
                        "a database record",
                    );
                }
                // yargs: `yargs.option("env", { choices: [...] }).argv` (or `type:
                // "number"` / `"boolean"`): those options hold a listed value, a number
                // or a flag.
                if self.family == crate::syntax::Family::Js
                    && name == "argv"
                    && b.as_call().is_some()
                {
                    let fields = yargs_restricted(b);
                    if !fields.is_empty() {
                        let mut v = Val::default();
                        for f in fields {
                            v = v.with_field(&f, Val::trusted());
                        }
                        return v;
                    }
                }
                let v = self.attr_of(&bv, name, e.span);
                let v = self.personal_value(v, name, e.span);
                // `Path(x).name` / `.stem`: the last element only, like basename.
                if self.family == crate::syntax::Family::Python
                    && matches!(name.as_str(), "name" | "stem")
                    && let Some(c) = b.as_call()
                    && matches!(
                        &self.quiet(&c.callee).shape,
                        Shape::Ref(p) if matches!(&**p, "pathlib.Path" | "pathlib.PurePath" | "pathlib.PurePosixPath" | "pathlib.PureWindowsPath")
                    )
                {
                    return Val {
                        taint: super::value::neutralize(&v.all_taint(), class::PATH),
                        ..v
                    };
                }
                v
            }
            ExprKind::Index(b, k) => {
                if let Some(v) = self.refined_request_path(e) {
                    return v;
                }
                let bv = self.eval(b);
                let kv = self.eval(k);
                if self.family == crate::syntax::Family::Php
                    && b.as_name() == Some("$_SERVER")
                    && kv
                        .const_str()
                        .is_some_and(super::sources::php_server_chosen)
                {
                    return Val::trusted();
                }
                // An upload's `['tmp_name']`: the temporary file PHP itself created
                // under `upload_tmp_dir` (its `['name']` is the client's).
                if self.family == crate::syntax::Family::Php && kv.const_str() == Some("tmp_name") {
                    return Val::trusted();
                }
                if self.family == crate::syntax::Family::Ruby {
                    self.ruby_index_call(b, k, e.span, &bv, &kv);
                }
                let v = self.index_value(&bv, &kv, e.span);
                let v = match kv.const_str() {
                    Some(key) => self.personal_value(v, key, e.span),
                    None => v,
                };
                self.widen_source(v, b.span, e.span)
            }
            ExprKind::Slice(b) => {
                let v = self.eval(b);
                Val {
                    taint: super::sources::without_personal(v.all_taint()),
                    built: v.built,
                    trusted: v.is_trusted(),
                    ..Val::default()
                }
            }
            ExprKind::Call(c) => {
                let v = self.eval_call(c, e.span);
                // `session.get("ssn")`: a field read by name, like `session["ssn"]`.
                match (&c.callee.kind, c.arg(0).and_then(Expr::as_str)) {
                    (ExprKind::Attr(_, m), Some(key)) if m == "get" => {
                        self.personal_value(v, key, e.span)
                    }
                    _ => v,
                }
            }
            ExprKind::Str(s) | ExprKind::Bytes(s) => Val::str(s),
            ExprKind::Num(n) => Val::constant(Const::Num(*n)),
            ExprKind::Bool(b) => Val::constant(Const::Bool(*b)),
            ExprKind::Null => Val::constant(Const::Null),
            ExprKind::Template(parts) => {
                let mut vals = Vec::with_capacity(parts.len());
                for p in parts {
                    vals.push(match p {
                        TemplatePart::Lit(s) => Val::str(s),
                        TemplatePart::Expr(x) => self.eval(x),
                    });
                }
                splice_facts(&mut vals);
                concat_all(&vals)
            }
            ExprKind::Binary(op, l, r) => {
                let lv = self.eval(l);
                let rv = self.eval(r);
                self.binop(*op, &lv, &rv)
            }
            ExprKind::Unary(op, x) => {
                let v = self.eval(x);
                match (op, v.decided()) {
                    (UnOp::Not, Some(c)) => Val::constant(Const::Bool(!c.truthy())),
                    (UnOp::Neg, Some(Const::Num(n))) => Val::constant(Const::Num(-n)),
                    (UnOp::Not | UnOp::Neg, _) => Val::trusted(),
                    // Go's `&T{...}`: a pointer to the struct, its fields as they are.
                    (UnOp::Other, _)
                        if self.family == crate::syntax::Family::Go
                            && matches!(&x.kind, ExprKind::Call(c) if c.is_new) =>
                    {
                        v
                    }
                    (UnOp::Other, _) => Val {
                        taint: v.all_taint(),
                        built: v.built,
                        ..Val::default()
                    },
                }
            }
            ExprKind::Compare(op, l, r) => {
                let lv = self.eval(l);
                let rv = self.eval(r);
                self.fire_compare(*op, l, r, &lv, &rv, e.span);
                match (lv.decided(), rv.decided()) {
                    (Some(a), Some(b)) if lv.is_const() && rv.is_const() => {
                        compare_consts(*op, a, b)
                            .map_or_else(Val::trusted, |b| Val::constant(Const::Bool(b)))
                    }
                    _ => Val::trusted(),
                }
            }
            ExprKind::And(l, r) => {
                let lv = self.eval(l);
                if lv.decided().is_some_and(|c| !c.truthy()) {
                    return lv;
                }
                let rv = self.eval(r);
                if lv.decided().is_some_and(|c| c.truthy()) {
                    return rv;
                }
                join_vals(&lv, &rv)
            }
            ExprKind::Or(l, r) => {
                let lv = self.eval(l);
                if lv.decided().is_some_and(|c| c.truthy()) {
                    return lv;
                }
                let rv = self.eval(r);
                if lv.decided().is_some_and(|c| !c.truthy()) {
                    return rv;
                }
                join_vals(&lv, &rv)
            }
            ExprKind::Cond(c, a, b) => {
                let cv = self.eval(c);
                match cv.decided().map(|c| c.truthy()) {
                    Some(true) => self.eval(a),
                    Some(false) => self.eval(b),
                    None => {
                        let (on_true, on_false) = self.refinements(c);
                        self.seed_request_paths(c, &on_true, &on_false);
                        let pre = self.frame().state.clone();
                        self.apply_refinements(&on_true);
                        let av = self.eval(a);
                        self.frame().state = pre.clone();
                        self.apply_refinements(&on_false);
                        let bv = self.eval(b);
                        self.frame().state = pre;
                        av.join(&bv)
                    }
                }
            }
            ExprKind::List(items) => {
                let mut vals = Vec::with_capacity(items.len());
                let mut extra: Taint = None;
                for i in items {
                    match &i.kind {
                        ExprKind::Spread(inner) => {
                            let v = self.eval(inner);
                            match &v.shape {
                                Shape::Seq(xs) => vals.extend(xs.iter().cloned()),
                                _ => extra = join_taint(&extra, &v.all_taint()),
                            }
                        }
                        _ => vals.push(self.eval(i)),
                    }
                }
                Val {
                    taint: extra,
                    shape: Shape::Seq(Arc::new(vals)),
                    ..Val::default()
                }
            }
            ExprKind::Dict(items) => {
                let mut out: Vec<(Arc<str>, Val)> = Vec::new();
                let mut own: Taint = None;
                for (k, v) in items {
                    match k {
                        DictKey::Const(k) => {
                            let val = self.eval(v);
                            out.retain(|(x, _)| &**x != k.as_str());
                            out.push((Arc::from(k.as_str()), val));
                        }
                        DictKey::Expr(kx) => {
                            let kv = self.eval(kx);
                            let val = self.eval(v);
                            match kv.const_str() {
                                Some(k) => out.push((Arc::from(k), val)),
                                None => {
                                    own = join_taint(&own, &join_taint(&kv.taint, &val.all_taint()))
                                }
                            }
                        }
                        DictKey::Spread => {
                            let sv = self.eval(v);
                            match &sv.shape {
                                Shape::Map(fields) => {
                                    for (k, fv) in fields.iter() {
                                        out.retain(|(x, _)| x != k);
                                        out.push((k.clone(), fv.clone()));
                                    }
                                    own = join_taint(&own, &sv.taint);
                                }
                                _ => own = join_taint(&own, &sv.all_taint()),
                            }
                        }
                    }
                }
                Val {
                    taint: own,
                    shape: Shape::Map(Arc::new(out)),
                    ..Val::default()
                }
            }
            ExprKind::Func(id) => {
                self.capture(*id);
                Val {
                    shape: Shape::Func(*id),
                    ..Val::default()
                }
            }
            ExprKind::Comp(elt, gens) => {
                let saved = self.frame().state.clone();
                for (target, iter) in gens {
                    let it = self.eval(iter);
                    let el = element_of(&it);
                    self.assign(target, el, Span::default());
                }
                let v = self.eval(elt);
                let v = match &elt.kind {
                    // Conditions were kept after the element; the element is first. An
                    // element kept only when a check holds (`[h for h in hs if h in
                    // ALLOWED]`) is what the check allows.
                    ExprKind::Other(parts) if !parts.is_empty() => {
                        for c in &parts[1..] {
                            let (on_true, _) = self.refinements(c);
                            self.apply_refinements(&on_true);
                        }
                        self.eval(&parts[0])
                    }
                    _ => v,
                };
                self.frame().state = saved;
                Val {
                    taint: v.all_taint(),
                    trusted: v.is_trusted(),
                    ..Val::default()
                }
            }
            ExprKind::Assign(p, v) => {
                let val = self.eval(v);
                self.assign(p, val.clone(), e.span);
                val
            }
            ExprKind::Jsx(tag, attrs, children) => {
                let mut t: Taint = None;
                for (name, value) in attrs {
                    let v = self.eval(value);
                    if let Some(name) = name {
                        self.fire_jsx(tag, name, value, &v, e.span);
                    }
                    t = join_taint(&t, &v.all_taint());
                }
                for c in children {
                    let v = self.eval(c);
                    t = join_taint(&t, &v.all_taint());
                }
                // React escapes what it renders: the element is not raw HTML.
                Val::unknown()
            }
            ExprKind::Spread(x) => self.eval(x),
            ExprKind::Yield(x) => {
                // What a generator yields is what iterating over its call gives.
                let v = self.eval(x);
                let frame = self.frame();
                frame.ret = Some(match &frame.ret {
                    Some(r) => r.join(&v),
                    None => v,
                });
                // The value of the expression is what the consumer sends in.
                Val::unknown()
            }
            ExprKind::Other(children) => {
                let mut t: Taint = None;
                let mut built = false;
                for c in children {
                    let v = self.eval(c);
                    built |= v.built;
                    t = join_taint(&t, &v.all_taint());
                }
                Val {
                    taint: t,
                    built,
                    ..Val::default()
                }
            }
        }
    }

    fn fire_compare(
        &mut self,
        op: CmpOp,
        l: &'m Expr,
        r: &'m Expr,
        lv: &Val,
        rv: &Val,
        span: Span,
    ) {
        if self.index.compare.is_empty() {
            return;
        }
        let site = CompareSite {
            op,
            left: l,
            right: r,
            lval: lv,
            rval: rv,
            span,
        };
        let rules = self.rules;
        let index = self.index;
        for &i in &index.compare {
            if self.active[i] {
                rules.rules[i].compare(
                    &mut Cx {
                        engine: self,
                        rule: i,
                    },
                    &site,
                );
            }
        }
    }

    fn fire_jsx(&mut self, tag: &'m str, attr: &'m str, value: &'m Expr, v: &Val, span: Span) {
        if self.index.jsx.is_empty() {
            return;
        }
        let site = JsxSite {
            tag,
            attr,
            value,
            val: v,
            span: Span::new(value.span.start as usize, value.span.end as usize).max_with(span),
        };
        let rules = self.rules;
        let index = self.index;
        for &i in &index.jsx {
            if self.active[i] {
                rules.rules[i].jsx(
                    &mut Cx {
                        engine: self,
                        rule: i,
                    },
                    &site,
                );
            }
        }
    }

    /// `a op b` for the arithmetic and string operators.
    pub(crate) fn binop(&self, op: BinOp, l: &Val, r: &Val) -> Val {
        match op {
            BinOp::Add => {
                match (l.as_const(), r.as_const()) {
                    (Some(Const::Num(a)), Some(Const::Num(b))) => {
                        return Val::constant(Const::Num(a + b));
                    }
                    (Some(a), Some(b))
                        if (matches!(a, Const::Str(_)) || matches!(b, Const::Str(_)))
                            && l.is_const()
                            && r.is_const() =>
                    {
                        return Val::str(&(a.text() + &b.text()));
                    }
                    _ => {}
                }
                if let (Shape::Seq(a), Shape::Seq(b)) = (&l.shape, &r.shape) {
                    let mut items = a.as_ref().clone();
                    items.extend(b.iter().cloned());
                    return Val {
                        taint: join_taint(&l.taint, &r.taint),
                        shape: Shape::Seq(Arc::new(items)),
                        ..Val::default()
                    };
                }
                let mut parts = [l.clone(), r.clone()];
                splice_facts(&mut parts);
                // Java: `"<img src=" + escapeHtml4(x)`, escaped text as an unquoted
                // attribute value.
                if self.family == crate::syntax::Family::Java
                    && l.const_str().is_some_and(in_unquoted_attr)
                {
                    parts[1] = reopen_html(&parts[1]);
                }
                concat_all(&parts)
            }
            BinOp::Mod => {
                if let (Some(Const::Num(a)), Some(Const::Num(b))) = (l.as_const(), r.as_const()) {
                    return if *b != 0.0 {
                        Val::constant(Const::Num(a % b))
                    } else {
                        Val::trusted()
                    };
                }
                let is_format = l.const_str().is_some() || l.built || l.prefix.is_some();
                if !is_format {
                    return Val::trusted();
                }
                // Python `"... %s" % value`: printf-style formatting.
                let mut args: Vec<Val> = match &r.shape {
                    Shape::Seq(items) => items.as_ref().clone(),
                    _ => vec![r.clone()],
                };
                // A value formatted with a numeric verb (`%d`, `%x`, `%.2f`) comes out as
                // digits (or an error marker, or an exception): none of its text is
                // spliced in.
                if let (Some(fmt), true) = (l.const_str(), l.is_const())
                    && let Some(numeric) = numeric_verbs(fmt)
                    && numeric.len() == args.len()
                {
                    for (a, n) in args.iter_mut().zip(numeric) {
                        if n {
                            *a = Val::trusted();
                        }
                    }
                }
                // Java: an HTML-escaped value placed as an unquoted attribute value.
                if self.family == crate::syntax::Family::Java
                    && let (Some(fmt), true) = (l.const_str(), l.is_const())
                {
                    for (a, u) in args.iter_mut().zip(unquoted_attr_verbs(fmt)) {
                        if u {
                            *a = reopen_html(a);
                        }
                    }
                }
                let trusted = args.iter().all(|a| a.is_trusted());
                let mut taint = l.taint.clone();
                for a in &args {
                    taint = join_taint(&taint, &a.all_taint());
                }
                if trusted
                    && let (Some(fmt), true) = (l.const_str(), l.is_const())
                    && args.iter().all(|a| a.is_const())
                {
                    return Val::str(&printf(fmt, &args));
                }
                let prefix: Option<Arc<str>> = l
                    .prefix
                    .as_ref()
                    .map(|p| Arc::from(p.split('%').next().unwrap_or("")));
                // `"https://api.example.com/v1?q=%s" % q`: every value lands in the query
                // string of a URL whose host is written.
                if l.is_const() && prefix.as_deref().is_some_and(super::guards::fixes_target) {
                    taint = neutralize(
                        &taint,
                        super::value::class::URL | super::value::class::REDIRECT,
                    );
                }
                Val {
                    taint,
                    built: !trusted || l.built,
                    prefix,
                    trusted: trusted && l.is_trusted(),
                    ..Val::default()
                }
            }
            BinOp::Div if l.as_const().is_none_or(|c| !matches!(c, Const::Num(_))) => {
                // pathlib: `base / name` joins paths.
                let mut v = concat_all(&[l.clone(), r.clone()]);
                v.built = false;
                v.shape = Shape::Unknown;
                v
            }
            BinOp::Sub | BinOp::Mul | BinOp::Div => {
                if let (Some(Const::Num(a)), Some(Const::Num(b))) = (l.as_const(), r.as_const()) {
                    let v = match op {
                        BinOp::Sub => Some(a - b),
                        BinOp::Mul => Some(a * b),
                        _ if *b != 0.0 => Some(a / b),
                        _ => None,
                    };
                    if let Some(v) = v {
                        return Val::constant(Const::Num(v));
                    }
                }
                // `"-" * 10` repeats a string; numbers carry no injection.
                if op == BinOp::Mul
                    && let (Some(s), Some(Const::Num(n))) = (l.const_str(), r.as_const())
                    && l.is_const()
                    && (*n as usize).saturating_mul(s.len()) <= 4096
                {
                    return Val::str(&s.repeat(*n as usize));
                }
                // A literal repeated a number of times the program chose (`b"x" *
                // AES.block_size`) is still a constant: keep one repetition as its text.
                if op == BinOp::Mul
                    && let Some(s) = l.const_str()
                    && l.is_const()
                    && r.all_taint().is_none()
                    && r.as_const().is_none()
                {
                    return Val::str(s);
                }
                if op == BinOp::Mul && (l.const_str().is_some() || r.const_str().is_some()) {
                    return Val {
                        taint: join_taint(&l.all_taint(), &r.all_taint()),
                        ..Val::default()
                    };
                }
                Val::trusted()
            }
            BinOp::Other => Val::trusted(),
        }
    }

    /// Give an existing variable a new value (a container rewritten in place).
    pub(crate) fn set_var(&mut self, name: &str, v: Val) -> Option<()> {
        let k = self.module_key(name)?;
        self.frame().state.insert(k, v);
        Some(())
    }

    /// `if (!SORTS.includes(req.query.sort)) return ...`: a check on a field read straight
    /// off the request object. Each read of `req.query.sort` is a fresh source, so the
    /// field's value is kept under its path (in a state entry that branches join like a
    /// variable) before the branches refine it; later reads of the same path see it.
    pub(crate) fn seed_request_paths(
        &mut self,
        cond: &'m Expr,
        on_true: &[(String, u32)],
        on_false: &[(String, u32)],
    ) {
        let mut wanted: Vec<&str> = on_true
            .iter()
            .chain(on_false)
            .map(|(n, _)| n.as_str())
            .filter(|n| n.matches('.').count() >= 2 || self.is_global_request_field(n))
            .collect();
        if wanted.is_empty() {
            return;
        }
        wanted.sort_unstable();
        wanted.dedup();
        let mut found: Vec<&'m Expr> = Vec::new();
        // `ok = is_safe(String(req.query.f)); if (!ok)`: the check a flag holds too.
        let mut exprs: Vec<&'m Expr> = vec![cond];
        cond.walk(&mut |x| {
            if let ExprKind::Name(n) = &x.kind
                && let Some(held) = self.frames.last().and_then(|f| f.checks.get(n.as_str()))
            {
                exprs.push(held);
            }
        });
        for e in exprs {
            e.walk(&mut |x| {
                if matches!(x.kind, ExprKind::Attr(..) | ExprKind::Index(..))
                    && self
                        .request_field_key(x)
                        .is_some_and(|p| wanted.contains(&p.as_str()))
                {
                    found.push(x);
                }
            });
        }
        for x in found {
            let Some(path) = self.request_field_key(x) else {
                continue;
            };
            let root = path.split('.').next().unwrap_or("");
            let request = self.is_global_request_field(&path)
                || self.lookup(root).is_some_and(|v| {
                    matches!(
                        v.shape,
                        Shape::Obj(ObjKind::Request(_) | ObjKind::WebContext)
                    )
                });
            if !request {
                continue;
            }
            let map = self
                .frame()
                .state
                .get(REFINED_PATHS)
                .cloned()
                .unwrap_or_default();
            if map.field(&path).is_some() {
                continue;
            }
            let v = self.eval(x);
            let map = if matches!(map.shape, Shape::Map(_)) {
                map
            } else {
                Val {
                    shape: Shape::Map(Arc::new(Vec::new())),
                    ..Val::default()
                }
            };
            self.frame()
                .state
                .insert(REFINED_PATHS, map.with_field(&path, v));
        }
    }

    /// The value kept for a request field path by [`Engine::seed_request_paths`].
    fn refined_request_path(&self, e: &Expr) -> Option<Val> {
        let fr = self.frames.last()?;
        let path = self.request_field_key(e)?;
        // A callback written after the check (`fs.readFile(p, (err, d) => ...)`) sees
        // the request fields as they were checked where it was made.
        fr.state
            .get(REFINED_PATHS)
            .and_then(|m| m.field(&path))
            .or_else(|| {
                self.outer[fr.func]
                    .as_ref()?
                    .get(REFINED_PATHS)?
                    .field(&path)
            })
    }

    /// The key a request field read is refined under: `req.query.sort`, or Ruby's
    /// `params[:sort]` ("params.sort"), a field of the framework's request global.
    fn request_field_key(&self, e: &Expr) -> Option<String> {
        if let Some(p) = super::guards::request_path(e) {
            return Some(p);
        }
        // PHP's `$_POST['name']`: one field of a superglobal.
        if self.family == crate::syntax::Family::Php {
            return super::guards::superglobal_field(e);
        }
        let ExprKind::Attr(b, a) = &e.kind else {
            return None;
        };
        let key = format!("{}.{a}", b.as_name()?);
        self.is_global_request_field(&key).then_some(key)
    }

    /// `params.sort`: one field of a request global that is not shadowed by a local
    /// (Ruby's `params` / `cookies`).
    fn is_global_request_field(&self, path: &str) -> bool {
        let Some((root, field)) = path.split_once('.') else {
            return false;
        };
        !field.contains('.')
            && (self.family == crate::syntax::Family::Ruby
                && matches!(root, "params" | "cookies")
                && self.lookup(root).is_none()
                || self.family == crate::syntax::Family::Php && super::guards::is_superglobal(root))
    }

    pub(crate) fn apply_refinements(&mut self, refs: &[(String, u32)]) {
        // A check on a parsed URL (`u.Host == ""` after `u, err := url.Parse(next)`)
        // holds for the string it was parsed from.
        let mut refs = refs.to_vec();
        // Likewise a containment check on a normalised path (`canon =
        // f.getCanonicalPath()`) holds for the path it was made from.
        for (name, bits) in refs.clone() {
            // A check on one field of the parsed value (`u.Host`) is a check on it.
            let name = name.split_once('.').map_or(name.as_str(), |(root, _)| root);
            if bits & (class::URL | class::REDIRECT | class::SCRIPT_URL) != 0
                && let Some(src) = self.parsed_from(name).or_else(|| self.url_part_from(name))
            {
                refs.push((
                    src,
                    bits & (class::URL | class::REDIRECT | class::HOST_ONLY | class::SCRIPT_URL),
                ));
            }
            if bits & class::PATH != 0
                && let Some(src) = self.normalized_from(name)
            {
                refs.push((src, class::PATH));
            }
        }
        for (name, bits) in &refs {
            if name.matches('.').count() >= 2 || self.is_global_request_field(name) {
                if let Some(map) = self.frame().state.get(REFINED_PATHS).cloned()
                    && let Some(fv) = map.field(name)
                {
                    let updated = map.with_field(name, neutralize_val(&fv, *bits));
                    self.frame().state.insert(REFINED_PATHS, updated);
                }
                continue;
            }
            // `hook.url`: the checked field of a plain object (a parsed body, a model
            // parameter); the object's other fields keep their taint.
            if let Some((root, field)) = name.split_once('.') {
                let Some(cur) = self.lookup(root) else {
                    continue;
                };
                if !matches!(cur.shape, Shape::Map(_) | Shape::Unknown) || cur.all_taint().is_none()
                {
                    continue;
                }
                let fv = self.attr_of(&cur, field, Span::default());
                let updated = cur.with_field(field, neutralize_val(&fv, *bits));
                if let Some(k) = self.module_key(root) {
                    self.frame().state.insert(k, updated);
                }
                continue;
            }
            let Some(cur) = self.lookup(name) else {
                continue;
            };
            let updated = neutralize_val(&cur, *bits);
            let key = self.module_key(name);
            if let Some(k) = key {
                self.frame().state.insert(k, updated);
            }
        }
    }

    /// PHP: the variables a condition reads that no assignment here gave a value (null,
    /// or set by an included file) are bound to what they hold, so that what the
    /// condition checks holds for them on its branch.
    fn php_bind_unassigned(&mut self, cond: &'m Expr) {
        if self.family != crate::syntax::Family::Php {
            return;
        }
        let mut names: Vec<&'m str> = Vec::new();
        let mut callees: Vec<*const Expr> = Vec::new();
        cond.walk(&mut |x| {
            if let ExprKind::Call(c) = &x.kind {
                callees.push(&c.callee as *const Expr);
            }
        });
        cond.walk(&mut |x| {
            if let ExprKind::Name(n) = &x.kind
                && !n.starts_with('$')
                && n != "this"
                // constants are written in capitals (`FILTER_VALIDATE_INT`)
                && n.chars().any(|c| c.is_ascii_lowercase())
                && !callees.contains(&(x as *const Expr))
            {
                names.push(n.as_str());
            }
        });
        for n in names {
            if self.lookup(n).is_none() {
                let v = self.free_name(n, Span::default());
                self.frame().state.insert(n, v);
            }
        }
    }

    /// `request.args["q"]`: a source read through a subscript or `.get("q")` is quoted
    /// whole in its path, not only `request.args`.
    pub(crate) fn widen_source(&self, mut v: Val, inner: Span, outer: Span) -> Val {
        let Some(t) = &v.taint else { return v };
        let widen = t.iter().any(|l| {
            l.trace.as_ref().is_some_and(|h| {
                h.prev.is_none() && h.span == inner && matches!(l.origin, Origin::Source(_))
            })
        });
        if !widen {
            return v;
        }
        let labels = t
            .iter()
            .map(|l| match &l.trace {
                Some(h) if h.prev.is_none() && h.span == inner => {
                    let what = h
                        .note
                        .rsplit_once(": ")
                        .map_or("input", |(_, w)| w)
                        .to_string();
                    Label {
                        trace: self.hop(outer, format!("`{}`: {what}", self.quote(outer)), None),
                        ..l.clone()
                    }
                }
                _ => l.clone(),
            })
            .collect();
        v.taint = Some(Arc::new(labels));
        v
    }

    /// A `&'m str` for a variable name, taken from the module's IR (state keys borrow the
    /// IR).
    fn module_key(&self, name: &str) -> Option<&'m str> {
        let frame = self.frames.last()?;
        if let Some((k, _)) = frame.state.get_key_value(name) {
            return Some(*k);
        }
        if let Some(o) = &self.outer[frame.func]
            && let Some((k, _)) = o.get_key_value(name)
        {
            return Some(*k);
        }
        let module_state = match self.frames.first() {
            Some(f0) if f0.func == 0 => Some(&f0.state),
            _ => self.globals.as_ref(),
        };
        module_state
            .and_then(|s| s.get_key_value(name))
            .map(|(k, _)| *k)
    }
}

/// Python's built-in names (never resolved through a star import).
const PY_BUILTINS: &[&str] = &[
    "open",
    "print",
    "len",
    "int",
    "str",
    "float",
    "bool",
    "list",
    "dict",
    "set",
    "tuple",
    "range",
    "eval",
    "exec",
    "compile",
    "input",
    "isinstance",
    "getattr",
    "setattr",
    "hasattr",
    "type",
    "object",
    "super",
    "sorted",
    "enumerate",
    "zip",
    "map",
    "filter",
    "min",
    "max",
    "sum",
    "abs",
    "any",
    "all",
    "repr",
    "hash",
    "id",
    "iter",
    "next",
    "format",
    "chr",
    "ord",
    "bytes",
    "bytearray",
    "Exception",
    "ValueError",
    "KeyError",
    "TypeError",
    "RuntimeError",
    "OSError",
    "IOError",
    "self",
    "cls",
    "True",
    "False",
    "None",
    "__import__",
    "vars",
    "globals",
    "locals",
    "frozenset",
    "round",
    "divmod",
    "pow",
    "reversed",
    "slice",
    "staticmethod",
    "classmethod",
    "property",
    "memoryview",
    "callable",
    "issubclass",
    "delattr",
    "dir",
    "help",
    "breakpoint",
    "exit",
    "quit",
    "NotImplementedError",
    "StopIteration",
];

trait SpanMax {
    fn max_with(self, other: Span) -> Span;
}

impl SpanMax for Span {
    /// The JSX attribute's value span (the element's span only when the value has none).
    fn max_with(self, other: Span) -> Span {
        if self.end > self.start { self } else { other }
    }
}

/// The variable an expression is rooted at (`m` in `m.a.b`).
pub(super) fn root_key(e: &Expr) -> &str {
    let mut root = e;
    loop {
        match &root.kind {
            ExprKind::Attr(b, _) | ExprKind::Index(b, _) | ExprKind::Slice(b) => root = b,
            ExprKind::Name(n) => return n,
            _ => return "",
        }
    }
}

/// Bind a parameter pattern without path hops.
fn bind_pattern<'m>(state: &mut State<'m>, p: &'m Pattern, v: Val) {
    match p {
        Pattern::Name(n, _) => {
            state.insert(n.as_str(), v);
        }
        Pattern::Object(props, _) => {
            for (k, pat) in props {
                let elem = match k.as_deref().and_then(|k| v.field(k)) {
                    Some(x) => x,
                    None => Val {
                        taint: v.all_taint(),
                        shape: match (&v.shape, k) {
                            (Shape::Obj(o), _) => Shape::Obj(o.clone()),
                            _ => Shape::Unknown,
                        },
                        ..Val::default()
                    },
                };
                bind_pattern(state, pat, elem);
            }
        }
        Pattern::Seq(items, _) => {
            for it in items.iter().flatten() {
                bind_pattern(state, it, Val::tainted(v.all_taint()));
            }
        }
        Pattern::Default(inner, _) | Pattern::Star(inner) => bind_pattern(state, inner, v),
        _ => {}
    }
}

/// Does the pattern bind `name` (`name = ...`, `{ name } = ...`, `[a, name] = ...`)?
fn pattern_binds(p: &Pattern, name: &str) -> bool {
    match p {
        Pattern::Name(n, _) => n == name,
        Pattern::Object(props, _) => props.iter().any(|(_, q)| pattern_binds(q, name)),
        Pattern::Seq(items, _) => items.iter().flatten().any(|q| pattern_binds(q, name)),
        Pattern::Star(q) | Pattern::Default(q, _) => pattern_binds(q, name),
        _ => false,
    }
}

/// The dotted text of an assignment target, with constant subscripts as members.
pub(crate) fn pattern_path(p: &Pattern) -> Option<String> {
    match p {
        Pattern::Name(n, _) => Some(n.clone()),
        Pattern::Attr(obj, attr, _) => expr_path(obj).map(|b| format!("{b}.{attr}")),
        Pattern::Index(obj, key, _) => {
            let k = key.as_str()?;
            expr_path(obj).map(|b| format!("{b}.{k}"))
        }
        _ => None,
    }
}

fn expr_path(e: &Expr) -> Option<String> {
    match &e.kind {
        ExprKind::Name(n) => Some(n.clone()),
        ExprKind::Attr(b, a) => expr_path(b).map(|x| format!("{x}.{a}")),
        ExprKind::Index(b, k) => {
            let k = k.as_str()?;
            expr_path(b).map(|x| format!("{x}.{k}"))
        }
        _ => None,
    }
}

pub(crate) fn join_vals(a: &Val, b: &Val) -> Val {
    a.join(b)
}

/// The state entry holding request field paths a check refined (not a variable name).
const REFINED_PATHS: &str = "\u{1}request-paths";

fn join_states<'m>(a: &State<'m>, b: &State<'m>) -> State<'m> {
    let mut out = a.clone();
    for (k, v) in b {
        match out.get_mut(k) {
            Some(x) => *x = x.join(v),
            None => {
                out.insert(k, v.clone());
            }
        }
    }
    out
}

/// One element of an iterable (a loop variable, an unpacked item).
pub(crate) fn element_of(v: &Val) -> Val {
    match &v.shape {
        Shape::Seq(items) if !items.is_empty() => {
            let mut it = items.iter();
            let first = it.next().cloned().unwrap_or_default();
            let j = it.fold(first, |a, b| a.join(b));
            Val {
                taint: join_taint(&j.taint, &v.taint),
                ..j
            }
        }
        // Iterating a dict gives its (constant) keys.
        Shape::Map(_) => Val {
            taint: v.taint.clone(),
            trusted: v.taint.is_none(),
            ..Val::default()
        },
        Shape::Const(Const::Str(_)) => Val::trusted(),
        _ => Val {
            taint: v.all_taint(),
            trusted: v.trusted,
            ..Val::default()
        },
    }
}

/// `container[key]`.
pub(crate) fn index_of(base: &Val, key: &Val) -> Val {
    match (&base.shape, key.as_const()) {
        // `"ABC"[1]`: one character of a constant.
        (Shape::Const(Const::Str(s)), Some(Const::Num(n))) if n.fract() == 0.0 && s.is_ascii() => {
            let i = if *n < 0.0 {
                s.len() as i64 + *n as i64
            } else {
                *n as i64
            };
            if let Some(c) = usize::try_from(i).ok().and_then(|i| s.get(i..i + 1)) {
                return Val::str(c);
            }
        }
        (Shape::Seq(items), Some(Const::Num(n))) => {
            let i = if *n < 0.0 {
                items.len() as i64 + *n as i64
            } else {
                *n as i64
            };
            if let Some(v) = usize::try_from(i).ok().and_then(|i| items.get(i)) {
                return Val {
                    taint: join_taint(&v.taint, &base.taint),
                    ..v.clone()
                };
            }
        }
        (Shape::Map(_), Some(Const::Str(k))) => {
            if let Some(v) = base.field(k) {
                return Val {
                    taint: join_taint(&v.taint, &base.taint),
                    ..v.clone()
                };
            }
            return Val::tainted(base.taint.clone());
        }
        _ => {}
    }
    // A lookup in a table of constants gives one of them, whatever the key; a part of
    // a value the program chose is the program's too.
    if base.all_const_elements() || base.is_trusted() {
        return Val::trusted();
    }
    Val::tainted(base.all_taint())
}

/// Strings joined end to end (f-strings, template literals, `+`).
/// What parts of a string being built are safe for, given what precedes them: a part
/// checked free of `..` right after a `/` is a name under that folder (safe as a path,
/// see [`super::value::class::NO_PARENT`]); a part holding no `'` right after a `'`
/// cannot end that quoted literal (safe in XPath, see
/// [`super::value::class::NO_SQUOTE`]), and likewise for `"`.
pub(crate) fn splice_facts(parts: &mut [Val]) {
    use super::value::class::{
        NO_DQUOTE, NO_PARENT, NO_SQUOTE, PATH, SHELL, SQL, SQL_QUOTED, XPATH,
    };
    // Which quoted literal the text built so far leaves open, read from the start of
    // the string; `None` once a part of unknown text may have opened or closed one.
    // `sql_quote` also lets backslash-escaped values (class::SQL_QUOTED) keep an SQL
    // literal open.
    let mut quote = Some(Quote::Out);
    let mut sql_quote = Some(Quote::Out);
    for i in 0..parts.len() {
        if let Some(text) = parts[i].const_str().filter(|_| parts[i].is_const()) {
            quote = quote.map(|q| q.after(text));
            sql_quote = sql_quote.map(|q| q.after(text));
            continue;
        }
        let before = match i.checked_sub(1).and_then(|j| parts[j].const_str()) {
            Some(b) => b.to_string(),
            None => {
                quote = quote.filter(|q| parts[i].is_trusted() || keeps(q, &parts[i], 0));
                sql_quote =
                    sql_quote.filter(|q| parts[i].is_trusted() || keeps(q, &parts[i], SQL_QUOTED));
                continue;
            }
        };
        let (in_squote, in_dquote) = (quote == Some(Quote::Single), quote == Some(Quote::Double));
        let in_sql = matches!(sql_quote, Some(Quote::Single | Quote::Double));
        let gain = |neutral: u32| -> u32 {
            let mut g = 0;
            if neutral & NO_PARENT != 0 && (before.ends_with('/') || before.ends_with('\\')) {
                g |= PATH;
            }
            if neutral & NO_SQUOTE != 0 && before.ends_with('\'') {
                g |= XPATH;
            }
            if neutral & NO_DQUOTE != 0 && before.ends_with('"') {
                g |= XPATH;
            }
            // Inside a '...' literal a value without `'` cannot end it: a shell word in
            // single quotes expands nothing, an SQL or XPath literal stays one literal.
            if neutral & NO_SQUOTE != 0 && in_squote {
                g |= XPATH | SHELL | SQL;
            }
            if neutral & NO_DQUOTE != 0 && in_dquote {
                g |= XPATH | SQL;
            }
            // Backslash-escaped quotes (`addslashes`) inside a quoted SQL literal.
            if neutral & SQL_QUOTED != 0 && in_sql {
                g |= SQL;
            }
            g
        };
        // A value of unknown origin escaped for its place.
        if parts[i].built_safe != 0 {
            let g = gain(parts[i].built_safe);
            parts[i].built_safe |= g;
        }
        quote = quote.filter(|q| parts[i].is_trusted() || keeps(q, &parts[i], 0));
        sql_quote = sql_quote.filter(|q| parts[i].is_trusted() || keeps(q, &parts[i], SQL_QUOTED));
        let Some(t) = parts[i].taint.as_ref() else {
            continue;
        };
        if !t.iter().any(|l| gain(l.neutral) != 0) {
            continue;
        }
        let labels = t
            .iter()
            .map(|l| Label {
                neutral: l.neutral | gain(l.neutral),
                ..l.clone()
            })
            .collect();
        parts[i].taint = Some(Arc::new(labels));
    }
}

/// The quoted literal a string leaves open at its end.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Quote {
    Out,
    Single,
    Double,
}

impl Quote {
    fn after(self, text: &str) -> Quote {
        text.chars().fold(self, |q, c| match (q, c) {
            (Quote::Out, '\'') => Quote::Single,
            (Quote::Out, '"') => Quote::Double,
            (Quote::Single, '\'') | (Quote::Double, '"') => Quote::Out,
            (q, _) => q,
        })
    }
}

/// Does a spliced value of unknown text leave the quote state `q` as it was: inside a
/// literal, when it holds no quote of that kind (or, with `also`, has that fact);
/// outside, when it holds no quote at all?
fn keeps(q: &Quote, v: &Val, also: u32) -> bool {
    use super::value::class::{NO_DQUOTE, NO_SQUOTE};
    // Outside any literal a value keeps it so only when it holds neither quote.
    let (fact, all) = match q {
        Quote::Out => (NO_SQUOTE | NO_DQUOTE, true),
        Quote::Single => (NO_SQUOTE | also, false),
        Quote::Double => (NO_DQUOTE | also, false),
    };
    let has = |bits: u32| {
        if all {
            bits & fact == fact
        } else {
            bits & fact != 0
        }
    };
    let labels_ok = v
        .all_taint()
        .is_none_or(|t| t.iter().all(|l| has(l.neutral)));
    let unknown_ok = v.all_taint().is_some() || has(v.built_safe);
    labels_ok && unknown_ok
}

pub(crate) fn concat_all(parts: &[Val]) -> Val {
    if parts.iter().all(|p| p.is_const()) {
        let s: String = parts
            .iter()
            .filter_map(|p| p.as_const())
            .map(|c| c.text())
            .collect();
        return Val::str(&s);
    }
    let mut taint: Taint = None;
    let mut built = false;
    let mut trusted = true;
    let mut prefix = String::new();
    let mut prefix_open = true;
    let mut any_prefix = false;
    let mut built_safe = super::value::class::SINKS;
    let query_from = query_starts_at(parts);
    for (i, p) in parts.iter().enumerate() {
        let part_taint = p.all_taint();
        let part_taint = if query_from.is_some_and(|q| i >= q) {
            // In the query string or fragment of a URL whose host is written: it cannot
            // choose where a request or redirect goes.
            neutralize(
                &part_taint,
                super::value::class::URL | super::value::class::REDIRECT,
            )
        } else {
            part_taint
        };
        taint = join_taint(&taint, &part_taint);
        if !p.is_trusted() || p.built {
            built_safe &= p.built_safe;
        }
        built |= !p.is_trusted() || p.built;
        trusted &= p.is_trusted();
        if prefix_open {
            if let Some(c) = p.as_const().filter(|_| p.is_const()) {
                prefix.push_str(&c.text());
                any_prefix = true;
            } else {
                if let Some(pp) = &p.prefix {
                    prefix.push_str(pp);
                    any_prefix = true;
                }
                prefix_open = false;
            }
        }
    }
    // `https://${process.env.HOST}${req.originalUrl}`: a scheme, a host the program
    // chose (a configuration value), then input that starts a path: the input cannot
    // choose where a request or redirect goes.
    if taint.is_some() && host_chosen_then_path(parts) {
        taint = neutralize(
            &taint,
            super::value::class::URL | super::value::class::REDIRECT,
        );
    }
    Val {
        // A string cannot be a query operator object.
        taint: neutralize(&taint, super::value::class::NOSQL),
        built,
        prefix: any_prefix.then(|| Arc::from(prefix.as_str())),
        trusted,
        built_safe: if built { built_safe } else { 0 },
        ..Val::default()
    }
}

/// The first part of a string that lands in the query string or fragment of a URL whose
/// scheme and host the leading constant text fixes (`"https://api.example.com/v1?q=" + x`,
/// `` `/search?q=${x}` ``, `"https://api.example.com/" + id + "?q=" + x` from `x` on).
fn query_starts_at(parts: &[Val]) -> Option<usize> {
    let mut head = String::new();
    let mut i = 0;
    while let Some(c) = parts
        .get(i)
        .and_then(|p| p.as_const().filter(|_| p.is_const()))
    {
        head.push_str(&c.text());
        i += 1;
    }
    // The first part that is not a constant: its own constant start is still head text.
    head.push_str(parts.get(i)?.prefix.as_deref().unwrap_or(""));
    if !super::guards::fixes_host(&head) {
        return None;
    }
    if super::guards::opens_query(&head) {
        return Some(i);
    }
    for (j, p) in parts.iter().enumerate().skip(i + 1) {
        match p.as_const().filter(|_| p.is_const()) {
            Some(c) if c.text().contains(['?', '#']) => return Some(j + 1),
            Some(_) => {}
            None if p.prefix.as_deref().is_some_and(|t| t.contains(['?', '#'])) => {
                return Some(j);
            }
            None => {}
        }
    }
    None
}

/// Parts of a string: constants ending in `scheme://`, a value with no input in it (the
/// host the program is configured with), then a part that starts a path (`/...`,
/// `?...`, `#...`).
fn host_chosen_then_path(parts: &[Val]) -> bool {
    let mut head = String::new();
    let mut i = 0;
    while i < parts.len() {
        match parts[i].as_const().filter(|_| parts[i].is_const()) {
            Some(c) => head.push_str(&c.text()),
            None => break,
        }
        i += 1;
    }
    let Some((scheme, rest)) = head.rsplit_once("://") else {
        return false;
    };
    if !rest.is_empty()
        || scheme.is_empty()
        || !scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '+')
    {
        return false;
    }
    let Some(host) = parts.get(i) else {
        return false;
    };
    if host.all_taint().is_some() {
        return false;
    }
    let Some(next) = parts.get(i + 1) else {
        return false;
    };
    let starts_path = |t: &str| t.starts_with(['/', '?', '#']);
    match next.as_const().filter(|_| next.is_const()) {
        Some(c) => starts_path(&c.text()),
        None => next.prefix.as_deref().is_some_and(starts_path),
    }
}

/// An expression of literals and operators only.
fn literal_only(e: &Expr) -> bool {
    match &e.kind {
        ExprKind::Num(_) | ExprKind::Str(_) | ExprKind::Bool(_) | ExprKind::Null => true,
        ExprKind::Binary(_, l, r) | ExprKind::Compare(_, l, r) => {
            literal_only(l) && literal_only(r)
        }
        ExprKind::Unary(_, x) => literal_only(x),
        _ => false,
    }
}

fn compare_consts(op: CmpOp, a: &Const, b: &Const) -> Option<bool> {
    use std::cmp::Ordering;
    let ord = match (a, b) {
        (Const::Num(x), Const::Num(y)) => x.partial_cmp(y),
        (Const::Str(x), Const::Str(y)) => Some(x.cmp(y)),
        (Const::Bool(x), Const::Bool(y)) => Some(x.cmp(y)),
        (Const::Null, Const::Null) => Some(Ordering::Equal),
        _ => None,
    };
    match op {
        CmpOp::Eq | CmpOp::Is => Some(ord == Some(Ordering::Equal)),
        CmpOp::NotEq | CmpOp::IsNot => Some(ord != Some(Ordering::Equal)),
        CmpOp::Lt => ord.map(|o| o == Ordering::Less),
        CmpOp::LtE => ord.map(|o| o != Ordering::Greater),
        CmpOp::Gt => ord.map(|o| o == Ordering::Greater),
        CmpOp::GtE => ord.map(|o| o != Ordering::Less),
        CmpOp::In => match (a, b) {
            (Const::Str(x), Const::Str(y)) => Some(y.contains(&**x)),
            _ => None,
        },
        CmpOp::NotIn => match (a, b) {
            (Const::Str(x), Const::Str(y)) => Some(!y.contains(&**x)),
            _ => None,
        },
        CmpOp::InstanceOf => None,
    }
}

/// `"%s-%d" % (a, b)` with constant arguments.
/// For each value a printf-style format consumes, in order: is it formatted with a
/// numeric verb (`%d`, `%5.2f`, `%x`)? `None` for formats this does not follow (`%*d`,
/// `%[2]d`, `%1$s`, `%(name)s`).
/// Does HTML text that ends with `before` leave the next value as an unquoted attribute
/// value (`<img src=` + value)? There HTML escaping is not enough: escaped text has no
/// `<`, `>` or quotes, but a space ends the value and starts another attribute
/// (`x onerror=alert(1)`).
pub(crate) fn in_unquoted_attr(before: &str) -> bool {
    let Some(lead) = before.trim_end().strip_suffix('=') else {
        return false;
    };
    let Some(open) = before.rfind('<') else {
        return false;
    };
    let tag = &lead[open.min(lead.len())..];
    let named = tag[1.min(tag.len())..]
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic());
    named
        && !tag.contains('>')
        && lead
            .trim_end()
            .ends_with(|c: char| c.is_ascii_alphanumeric() || c == '-')
        && Quote::Out.after(tag) == Quote::Out
}

/// The value with its HTML escaping undone as a neutralisation: spliced as an unquoted
/// attribute value (see [`in_unquoted_attr`]) escaped text can still add attributes.
fn reopen_html(v: &Val) -> Val {
    Val {
        taint: reopen_html_taint(&v.all_taint()),
        built_safe: v.built_safe & !super::value::class::HTML,
        ..v.clone()
    }
}

/// The labels with their HTML neutralisation dropped (see [`reopen_html`]).
pub(crate) fn reopen_html_taint(t: &Taint) -> Taint {
    use super::value::class::HTML;
    t.as_ref().map(|t| {
        Arc::new(
            t.iter()
                .map(|l| Label {
                    neutral: l.neutral & !HTML,
                    ..l.clone()
                })
                .collect::<Vec<_>>(),
        )
    })
}

/// For each value a printf-style format consumes, in order: is it placed as an unquoted
/// HTML attribute value (`"<img src=%s>"`)?
fn unquoted_attr_verbs(fmt: &str) -> Vec<bool> {
    let mut out = Vec::new();
    let mut chars = fmt.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c != '%' {
            continue;
        }
        if chars.peek().is_some_and(|&(_, n)| n == '%') {
            chars.next();
            continue;
        }
        out.push(in_unquoted_attr(&fmt[..i]));
    }
    out
}

fn numeric_verbs(fmt: &str) -> Option<Vec<bool>> {
    let mut out = Vec::new();
    let mut chars = fmt.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '%' {
            continue;
        }
        if chars.peek() == Some(&'%') {
            chars.next();
            continue;
        }
        let verb = loop {
            match chars.next()? {
                // flags, width, precision and C's `l`/`h`/`L` length modifiers
                '-' | '+' | ' ' | '#' | '0'..='9' | '.' | ',' | 'l' | 'h' | 'L' => {}
                '*' | '[' | '$' | '(' | '<' => return None,
                v => break v,
            }
        };
        out.push(matches!(
            verb,
            'd' | 'i' | 'u' | 'o' | 'x' | 'X' | 'b' | 'e' | 'E' | 'f' | 'F' | 'g' | 'G'
        ));
    }
    Some(out)
}

fn printf(fmt: &str, args: &[Val]) -> String {
    let mut out = String::new();
    let mut it = args.iter();
    let mut chars = fmt.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        if chars.peek() == Some(&'%') {
            chars.next();
            out.push('%');
            continue;
        }
        while let Some(&n) = chars.peek() {
            chars.next();
            if n.is_ascii_alphabetic() {
                break;
            }
        }
        if let Some(a) = it.next().and_then(|a| a.as_const()) {
            out.push_str(&a.text());
        }
    }
    out
}

/// `v` made safe for the sink classes in `bits` (everything, with `class::ALL`).
pub(crate) fn neutralize_val(v: &Val, bits: u32) -> Val {
    let shape = match &v.shape {
        Shape::Seq(items) => Shape::Seq(Arc::new(
            items.iter().map(|x| neutralize_val(x, bits)).collect(),
        )),
        Shape::Map(items) => Shape::Map(Arc::new(
            items
                .iter()
                .map(|(k, x)| (k.clone(), neutralize_val(x, bits)))
                .collect(),
        )),
        other => other.clone(),
    };
    let taint = neutralize(&v.taint, bits);
    Val {
        // A value of unknown origin checked safe for every sink, or checked to be one
        // quoted literal (safe as code, the only sink that reports unknown values whole).
        trusted: v.trusted
            || taint.is_none()
                && (bits == super::value::class::ALL || bits & super::value::class::CODE != 0),
        taint,
        shape,
        ..v.clone()
    }
}

fn collect_funcs_block(b: &[Stmt], out: &mut Vec<FuncId>) {
    for s in b {
        match &s.kind {
            StmtKind::FuncDef(id) => out.push(*id),
            StmtKind::Expr(e) | StmtKind::Raise(Some(e)) | StmtKind::Return(Some(e)) => {
                collect_funcs_expr(e, out)
            }
            StmtKind::Assign { value, .. } | StmtKind::AugAssign { value, .. } => {
                collect_funcs_expr(value, out)
            }
            StmtKind::If { cond, then, els } => {
                collect_funcs_expr(cond, out);
                collect_funcs_block(then, out);
                collect_funcs_block(els, out);
            }
            StmtKind::While { body, .. } | StmtKind::For { body, .. } => {
                collect_funcs_block(body, out)
            }
            StmtKind::Try {
                body,
                handlers,
                finally,
            } => {
                collect_funcs_block(body, out);
                for h in handlers {
                    collect_funcs_block(&h.body, out);
                }
                collect_funcs_block(finally, out);
            }
            StmtKind::With { body, .. } => collect_funcs_block(body, out),
            StmtKind::Switch { cases, .. } => {
                for (_, b) in cases {
                    collect_funcs_block(b, out);
                }
            }
            StmtKind::Block(b) => collect_funcs_block(b, out),
            _ => {}
        }
    }
}

fn collect_funcs_expr(e: &Expr, out: &mut Vec<FuncId>) {
    e.walk(&mut |x| {
        if let ExprKind::Func(id) = x.kind {
            out.push(id);
        }
    });
}

impl<'m> Engine<'m> {
    /// `out = new ObjectOutputStream(bytes)`: what is written to `out` lands in `bytes`.
    fn note_stream_wrapper(&mut self, target: &'m Pattern, value: &'m Expr) {
        let Pattern::Name(n, _) = target else { return };
        let frame = self.frame();
        frame.wraps.retain(|(w, _)| *w != n.as_str());
        let Some(call) = value.as_call() else { return };
        let class = call.callee.last_name().unwrap_or("");
        if call.is_new
            && (class.ends_with("OutputStream")
                || class.ends_with("Writer")
                || class == "PrintStream")
            && let Some(inner) = call.args.first()
            && matches!(inner.value.kind, ExprKind::Name(_))
        {
            frame.wraps.push((n.as_str(), &inner.value));
        }
    }

    /// The stream a wrapper variable writes into.
    pub(crate) fn wrapped_stream(&self, name: &str) -> Option<&'m Expr> {
        let frame = self.frames.last()?;
        frame
            .wraps
            .iter()
            .rev()
            .find(|(w, _)| *w == name)
            .map(|(_, e)| *e)
    }
}

/// The options of a yargs chain (`.option(name, {...})`, `.positional(name, {...})`)
/// whose values are restricted: constant `choices`, `type: "number"` / `"boolean"`.
fn yargs_restricted(chain: &Expr) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = chain;
    while let Some(c) = cur.as_call() {
        let ExprKind::Attr(b, m) = &c.callee.kind else {
            break;
        };
        if matches!(m.as_str(), "option" | "positional")
            && let Some(name) = c.arg(0).and_then(|a| a.as_str())
            && let Some(ExprKind::Dict(items)) = c.arg(1).map(|a| &a.kind)
        {
            let restricted = items.iter().any(|(k, v)| match (k, &v.kind) {
                (crate::ir::DictKey::Const(k), ExprKind::List(_)) if k == "choices" => {
                    v.is_literal_list()
                }
                (crate::ir::DictKey::Const(k), ExprKind::Str(t)) if k == "type" => {
                    matches!(t.as_str(), "number" | "boolean" | "count")
                }
                _ => false,
            });
            if restricted {
                out.push(name.to_string());
            }
        }
        cur = b;
    }
    out
}

/// `uri.query = ...` (Ruby), `u.RawQuery = ...` (Go), `url.search = ...` (JS): the parts of
/// a URL after its path. Setting them cannot change the scheme, host or path the URL
/// goes to.
fn is_url_query_part(attr: &str) -> bool {
    matches!(
        attr,
        "query" | "fragment" | "RawQuery" | "Fragment" | "RawFragment" | "search" | "hash"
    )
}

/// The value stored into a URL's query or fragment: whatever it holds, it no longer
/// chooses where a request or a redirect goes.
fn query_part_value(v: Val) -> Val {
    Val {
        taint: neutralize(&v.all_taint(), class::URL | class::REDIRECT),
        trusted: v.is_trusted(),
        ..Val::default()
    }
}
