# Independent count of what depends on party V (rules.md Terms and §2),
# from the XML text alone (one element per line, as gen_national writes it).
# Prints: systems facilities entries
function attr(line, name,   m) {
	if (match(line, " " name "=\"[^\"]*\"")) {
		m = substr(line, RSTART + length(name) + 3, RLENGTH - length(name) - 4)
		return m
	}
	return ""
}
/<facility / { fac[attr($0, "id")] = 1 }
/<network-operator / {
	fac[attr($0, "id")] = 1
	if (attr($0, "manages-medical-info") == "true") mop[attr($0, "id")] = 1
}
/<system / {
	s = attr($0, "id"); prov[s] = attr($0, "provider"); data[s] = attr($0, "data")
	sys[s] = 1
	rest = $0
	while (match(rest, /<runs-on ref="[^"]*"/)) {
		t = substr(rest, RSTART + 14, RLENGTH - 15); runs[s] = runs[s] " " t
		rest = substr(rest, RSTART + RLENGTH)
	}
	rest = $0
	while (match(rest, /<connects-to ref="[^"]*"/)) {
		t = substr(rest, RSTART + 18, RLENGTH - 19); conn[s] = conn[s] " " t
		rest = substr(rest, RSTART + RLENGTH)
	}
}
/<contract / { nk++; kclient[nk] = attr($0, "client"); ksupplier[nk] = attr($0, "supplier"); ktype[nk] = attr($0, "type"); kcovers[nk] = attr($0, "covers") }
/<flow / {
	if (attr($0, "basis") == "patient-instruction" && attr($0, "data") ~ /(^| )medical( |$)/)
		pi[attr($0, "to")] = 1
}
function supply_mark(s, arr,   n, i, parts) {  # arr[x] = 1 for x in supply(s)
	if (s in arr) return
	arr[s] = 1
	n = split(runs[s], parts, " ")
	for (i = 1; i <= n; i++) supply_mark(parts[i], arr)
}
END {
	# medical systems: data holds medical, or the `to` of a patient-instruction flow with medical
	for (s in sys) if (data[s] ~ /(^| )medical( |$)/ || (s in pi)) med[s] = 1
	# relevant: medical, in the supply of a medical system, or connected to one (either way)
	for (m in med) { delete tmp; supply_mark(m, tmp); for (x in tmp) rel[x] = 1 }
	for (s in sys) {
		n = split(conn[s], parts, " ")
		for (i = 1; i <= n; i++) if ((s in med) || (parts[i] in med)) { rel[s] = 1; rel[parts[i]] = 1 }
	}
	# affected: systems V provides, and all that run on them (transitively)
	for (s in sys) if (prov[s] == V) aff[s] = 1
	do {
		grew = 0
		for (s in sys) if (!(s in aff)) {
			n = split(runs[s], parts, " ")
			for (i = 1; i <= n; i++) if (parts[i] in aff) { aff[s] = 1; grew = 1; break }
		}
	} while (grew)
	na = 0; for (s in aff) na++
	# qualifying contracts covering a relevant system
	for (k = 1; k <= nk; k++) {
		qr[k] = 0
		if (ktype[k] !~ /(^| )(service|operation|maintenance|development|entrustment)( |$)/) continue
		n = split(kcovers[k], cov, " ")
		for (i = 1; i <= n; i++) if (cov[i] in rel) qr[k] = 1
	}
	# rules.md rev. 2 managing operators: a manages-medical-info operator
	# supplying a facility; its own contracts for the supply of what it
	# provides or supplies are subcontracts, not prime contracts (FAQ 2.2)
	for (k = 1; k <= nk; k++)
		if (qr[k] && (kclient[k] in fac) && (ksupplier[k] in mop) && ksupplier[k] != kclient[k]) mo[ksupplier[k]] = 1
	for (op in mo) {
		delete tmp
		for (s in sys) if (prov[s] == op) supply_mark(s, tmp)
		for (k = 1; k <= nk; k++) if (qr[k] && ksupplier[k] == op && (kclient[k] in fac) && kclient[k] != op) {
			n = split(kcovers[k], cov, " ")
			for (i = 1; i <= n; i++) supply_mark(cov[i], tmp)
		}
		for (x in tmp) mos[op SUBSEP x] = 1
	}
	# served (system, facility) pairs of prime contracts, restricted to affected systems
	for (k = 1; k <= nk; k++) {
		c = kclient[k]
		if (!(c in fac) || !qr[k]) continue
		n = split(kcovers[k], cov, " ")
		if ((c in mo) && ksupplier[k] != c) {
			issub = 0
			for (i = 1; i <= n; i++) if ((c SUBSEP cov[i]) in mos) issub = 1
			if (issub) continue
		}
		for (i = 1; i <= n; i++) {
			if (!(cov[i] in sup_done)) { delete tmp; supply_mark(cov[i], tmp); sl = ""; for (x in tmp) if (x in aff) sl = sl " " x; sup_aff[cov[i]] = sl; sup_done[cov[i]] = 1 }
			m = split(sup_aff[cov[i]], parts, " ")
			for (j = 1; j <= m; j++) { pair[parts[j] SUBSEP c] = 1; served[c] = 1 }
		}
	}
	nf = 0; for (f in served) nf++
	ne = 0; for (p in pair) ne++
	print na, nf, ne
}
