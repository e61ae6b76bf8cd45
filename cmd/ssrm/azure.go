package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"slices"
	"sort"
	"strings"
	"text/tabwriter"
	"time"
	"unicode/utf8"

	"github.com/spf13/cobra"

	"github.com/ssrm/ssrm/azure"
	"github.com/ssrm/ssrm/internal/safetext"
	"github.com/ssrm/ssrm/questionnaire"
)

func newAzureCmd(g *globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "azure",
		Short: "Live, read-only evidence from Azure: collect a snapshot, run the checks, list the catalogue",
		Long: `Read-only evidence from an Azure tenant through Azure Resource Graph.

  ssrm azure collect -o snapshot.json      sign in and collect (Reader, plus Security Reader for Defender)
  ssrm azure collect --graph               also Entra ID through Microsoft Graph (Global Reader is enough)
  ssrm azure permissions                   the Graph permissions each check needs
  ssrm azure check --snapshot FILE         run every check over a snapshot or 'az graph query' output
  ssrm azure catalog                       what is checked, against which benchmark, for which question
  ssrm assess --answers F --evidence FILE  attach the evidence to an assessment

Nothing is ever written to Azure: ssrm's HTTP pipeline refuses any request
that is not a read. Tokens stay in memory and are never printed.`,
	}
	cmd.AddCommand(newAzureCollectCmd(g), newAzureCheckCmd(g), newAzureCatalogCmd(g), newAzureSubscriptionsCmd(g), newAzurePermissionsCmd(g))
	return cmd
}

// azureSignInOptions are the sign-in and scope flags of collect and
// subscriptions.
type azureSignInOptions struct {
	SignIn          string
	DeviceCode      bool
	Tenant          string
	Subscriptions   []string
	ManagementGroup string
	Timeout         time.Duration
	ClientID        string
}

func (o *azureSignInOptions) flags(cmd *cobra.Command) {
	cmd.Flags().StringVar(&o.SignIn, "sign-in", "auto", "auto (Azure CLI login, then environment service principal, then managed identity), cli, env, managed-identity or device-code")
	cmd.Flags().BoolVar(&o.DeviceCode, "device-code", false, "sign in with a device code in a browser (same as --sign-in device-code)")
	cmd.Flags().StringVar(&o.Tenant, "tenant", "", "tenant id to sign in to")
	cmd.Flags().StringArrayVar(&o.Subscriptions, "subscription", nil, "subscription id to read (repeatable; default: all the credential can read)")
	cmd.Flags().StringVar(&o.ManagementGroup, "management-group", "", "read the subscriptions under this management group")
	cmd.Flags().DurationVar(&o.Timeout, "timeout", 15*time.Minute, "give up after this long")
	cmd.Flags().StringVar(&o.ClientID, "client-id", "", "device code sign-in: the application (client) id to sign in with, e.g. your own app registration granted the Graph read permissions")
}

func (o *azureSignInOptions) collector(stderr io.Writer, progress func(azure.Progress)) (*azure.Collector, error) {
	return o.collectorWith(stderr, progress, func(*azure.Options) {})
}

// collectorWith is collector with the options beyond Resource Graph.
func (o *azureSignInOptions) collectorWith(stderr io.Writer, progress func(azure.Progress), extra func(*azure.Options)) (*azure.Collector, error) {
	m := azure.SignIn(o.SignIn)
	if o.DeviceCode {
		m = azure.SignInDeviceCode
	}
	cred, err := azure.NewCredential(m, azure.CredentialOptions{TenantID: o.Tenant, ClientID: o.ClientID, Prompt: func(msg string) { fmt.Fprintln(stderr, msg) }})
	if err != nil {
		return nil, fmt.Errorf("%w: %v", errUsage, err)
	}
	opts := azure.Options{
		Credential: cred, Subscriptions: o.Subscriptions, ManagementGroup: o.ManagementGroup,
		Progress: progress, Tool: "ssrm " + version,
	}
	extra(&opts)
	return azure.NewCollector(opts)
}

// signalContext is cancelled by Ctrl-C and after the timeout.
func signalContext(timeout time.Duration) (context.Context, context.CancelFunc) {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	ctx, cancel := context.WithTimeout(ctx, timeout)
	return ctx, func() { cancel(); stop() }
}

// azureCollectOptions are the inputs of `ssrm azure collect`.
type azureCollectOptions struct {
	azureSignInOptions
	Out     string
	Force   bool
	Encrypt bool
	// Graph adds the Microsoft Graph reads; NoARM leaves out the ARM GETs
	// beyond Resource Graph; IncludeNames keeps display names.
	Graph         bool
	GraphEndpoint string
	NoARM         bool
	IncludeNames  bool
	Stderr        io.Writer
	Stdout        io.Writer
}

func newAzureCollectCmd(g *globals) *cobra.Command {
	opts := &azureCollectOptions{}
	cmd := &cobra.Command{
		Use:   "collect -o snapshot.json",
		Short: "Sign in and collect the documents the checks read into a snapshot file",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Stdout, opts.Stderr = cmd.OutOrStdout(), cmd.ErrOrStderr()
			return azureCollectRun(opts)
		},
	}
	opts.flags(cmd)
	cmd.Flags().StringVarP(&opts.Out, "output", "o", "snapshot.json", "where to write the snapshot")
	cmd.Flags().BoolVar(&opts.Force, "force", false, "replace the output file if it exists")
	cmd.Flags().BoolVar(&opts.Encrypt, "encrypt", false, "encrypt the snapshot with a passphrase (SSRM_PASSPHRASE, or asked twice on the terminal)")
	cmd.Flags().BoolVar(&opts.Graph, "graph", false, "also read Entra ID through Microsoft Graph v1.0 (read-only GETs; 'ssrm azure permissions' lists what they need)")
	cmd.Flags().StringVar(&opts.GraphEndpoint, "graph-endpoint", azure.DefaultGraphEndpoint, "Microsoft Graph endpoint (national clouds)")
	cmd.Flags().BoolVar(&opts.NoARM, "no-arm", false, "skip the read-only ARM GETs beyond Resource Graph (diagnostic settings, SQL auditing and TDE, firewall rules, Key Vault expiry, security contacts, PostgreSQL/MySQL server parameters, API Management APIs, backends and named values)")
	cmd.Flags().BoolVar(&opts.IncludeNames, "include-names", false, "keep display names, user principal names and e-mail addresses (Entra objects, Defender rows, classic administrators); object ids only otherwise")
	return cmd
}

func azureCollectRun(opts *azureCollectOptions) error {
	if !opts.Force && fileExists(opts.Out) {
		return fmt.Errorf("%s exists already: give --force to replace it, or another -o", opts.Out)
	}
	pass := ""
	if opts.Encrypt { // asked before collecting, not after minutes of it
		var err error
		if pass, err = newPassphrase(opts.Out); err != nil {
			return err
		}
	}
	c, err := opts.collectorWith(opts.Stderr, func(p azure.Progress) {
		switch {
		case p.Err != nil:
			fmt.Fprintf(opts.Stderr, "  %-18s failed: %v\n", p.Query, p.Err)
		case p.Done:
			fmt.Fprintf(opts.Stderr, "  %-18s %6d rows, %d pages%s\n", p.Query, p.Rows, p.Pages, waitNote(p.Throttled, p.Waited))
		}
	}, func(o *azure.Options) {
		o.Graph, o.GraphEndpoint, o.ARMExtras, o.IncludeNames = opts.Graph, opts.GraphEndpoint, !opts.NoARM, opts.IncludeNames
		o.GraphProgress = func(r azure.ReadStats) { fmt.Fprintln(opts.Stderr, "  "+readLine(r)) }
	})
	if err != nil {
		return err
	}
	ctx, cancel := signalContext(opts.Timeout)
	defer cancel()
	fmt.Fprintln(opts.Stderr, "collecting from Azure Resource Graph (read-only)…")
	snap, err := c.Collect(ctx)
	if err != nil {
		return fmt.Errorf("collect: %w", err)
	}
	data, err := snap.Marshal()
	if err != nil {
		return err
	}
	if pass != "" {
		if data, err = questionnaire.Seal(data, pass); err != nil {
			return err
		}
	}
	if err := questionnaire.WriteFileAtomic(opts.Out, data); err != nil {
		return err
	}
	fmt.Fprintf(opts.Stdout, "saved %s: %d documents from %d subscriptions", opts.Out, len(snap.Documents), len(snap.Subscriptions))
	if len(snap.Graph) > 0 {
		fmt.Fprintf(opts.Stdout, ", %d Microsoft Graph results", len(snap.Graph))
	}
	fmt.Fprintln(opts.Stdout)
	if pf := c.Preflight; pf != nil && len(pf.Missing) > 0 {
		fmt.Fprintln(opts.Stderr, "ssrm: the Graph token lacks permissions; these reads were skipped and their checks stay 'verify by hand':")
		paths := make([]string, 0, len(pf.Missing))
		for p := range pf.Missing {
			paths = append(paths, p)
		}
		sort.Strings(paths)
		for _, p := range paths {
			fmt.Fprintf(opts.Stderr, "  %-58s needs %s\n", p, strings.Join(pf.Missing[p], " and "))
		}
		fmt.Fprintln(opts.Stderr, "  Grant them (admin consent) to the app you sign in with, e.g. a service principal (--sign-in env) or your own app registration (--device-code --client-id ID); Global Reader is enough as the user's role.")
	}
	return nil
}

// readLine is one line of progress for a Graph or ARM read.
func readLine(r azure.ReadStats) string {
	name := r.Name
	if r.Source == "arm" {
		name = "arm " + name
	}
	switch r.Status {
	case azure.ReadOK:
		return fmt.Sprintf("%-58s %6d items, %d requests", name, r.Items, r.Requests)
	case azure.ReadPartial:
		return fmt.Sprintf("%-58s %6d items, %d of %d requests failed", name, r.Items, len(r.Failed), r.Requests)
	}
	msg := r.Error
	if msg == "" && len(r.Failed) > 0 {
		for _, e := range r.Failed {
			msg = e
			break
		}
	}
	return fmt.Sprintf("%-58s %s: %s", name, r.Status, msg)
}

func newAzurePermissionsCmd(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "permissions",
		Short: "List the Microsoft Graph permissions each read needs, and the checks that use it",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			w := tabwriter.NewWriter(cmd.OutOrStdout(), 2, 4, 2, ' ', 0)
			fmt.Fprintln(w, "GRAPH v1.0 READ\tPERMISSION (ANY ONE)\tALSO\tCHECKS")
			for _, p := range azure.GraphPermissions() {
				fmt.Fprintf(w, "GET %s\t%s\t%s\t%s\n", p.Path, strings.Join(p.Perms, " | "), strings.Join(p.Also, ", "), strings.Join(p.Checks, ", "))
			}
			if err := w.Flush(); err != nil {
				return err
			}
			fmt.Fprintln(cmd.OutOrStdout(), "\nApplication permissions, or delegated ones with a signed-in user holding Global Reader (enough for every read).")
			fmt.Fprintln(cmd.OutOrStdout(), "\nRead-only ARM GETs (skip them with --no-arm): the Reader role is enough for all but entra-diagnostic-settings, which also needs an Entra role (Security Reader or Global Reader).")
			w = tabwriter.NewWriter(cmd.OutOrStdout(), 2, 4, 2, ' ', 0)
			fmt.Fprintln(w, "ARM READ\tGET {PARENT}...\tAPI VERSION\tONCE PER")
			for _, r := range azure.ARMReads() {
				fmt.Fprintf(w, "%s\t%s\t%s\t%s\n", r.Name, r.Path, r.APIVersion, r.Per)
			}
			return w.Flush()
		},
	}
}

func waitNote(n int, d time.Duration) string {
	if n == 0 {
		return ""
	}
	return fmt.Sprintf(", waited %d× (%s) for the Resource Graph quota", n, d.Round(100*time.Millisecond))
}

func newAzureSubscriptionsCmd(g *globals) *cobra.Command {
	opts := &azureSignInOptions{}
	cmd := &cobra.Command{
		Use:   "subscriptions",
		Short: "List the subscriptions the credential can read",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			c, err := opts.collector(cmd.ErrOrStderr(), nil)
			if err != nil {
				return err
			}
			ctx, cancel := signalContext(opts.Timeout)
			defer cancel()
			subs, err := c.ListSubscriptions(ctx)
			if err != nil {
				return err
			}
			w := tabwriter.NewWriter(cmd.OutOrStdout(), 2, 4, 2, ' ', 0)
			fmt.Fprintln(w, "ID\tNAME\tSTATE")
			for _, s := range subs {
				fmt.Fprintf(w, "%s\t%s\t%s\n", s.ID, s.Name, s.State)
			}
			return w.Flush()
		},
	}
	opts.flags(cmd)
	return cmd
}

// azureCheckOptions are the inputs of `ssrm azure check`.
type azureCheckOptions struct {
	Snapshot string
	Format   string
	All      bool
	// AsOf judges dates (end of support) as of this day when the input
	// carries no collection time (a bare array, 'az graph query' output).
	AsOf   string
	Out    io.Writer
	Stderr io.Writer
}

func newAzureCheckCmd(g *globals) *cobra.Command {
	opts := &azureCheckOptions{}
	cmd := &cobra.Command{
		Use:   "check --snapshot FILE",
		Short: "Run every check over a snapshot, 'az graph query' output or a Resource Graph response",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Out, opts.Stderr = cmd.OutOrStdout(), cmd.ErrOrStderr()
			return azureCheckRun(opts)
		},
	}
	cmd.Flags().StringVar(&opts.Snapshot, "snapshot", "", "snapshot file, or the JSON 'az graph query' printed (required)")
	cmd.Flags().StringVar(&opts.Format, "format", "table", "table or json")
	cmd.Flags().BoolVar(&opts.All, "all", false, "table: list passing and not-applicable results too")
	cmd.Flags().StringVar(&opts.AsOf, "as-of", "", "judge end-of-support dates as of this day (YYYY-MM-DD) when the input has no collection time (default: today)")
	_ = cmd.MarkFlagRequired("snapshot")
	return cmd
}

func azureCheckRun(opts *azureCheckOptions) error {
	if opts.Format != "table" && opts.Format != "json" {
		return fmt.Errorf("%w: --format %q: use table or json", errUsage, opts.Format)
	}
	limitMemoryFor(opts.Snapshot)
	s, err := azure.LoadSnapshotWith(opts.Snapshot, questionnaire.LoadOptions{Passphrase: passphraseFor(opts.Snapshot)})
	if err != nil {
		return err
	}
	if opts.AsOf != "" {
		day, err := time.Parse("2006-01-02", opts.AsOf)
		if err != nil {
			return fmt.Errorf("%w: --as-of %q: give a day as YYYY-MM-DD", errUsage, opts.AsOf)
		}
		if s.Collected.IsZero() {
			s.Collected = day
		} else {
			fmt.Fprintf(opts.Stderr, "ssrm: --as-of ignored: the snapshot says it was collected on %s\n", s.Collected.Format("2006-01-02"))
		}
	}
	if s.Truncated {
		fmt.Fprintln(opts.Stderr, "ssrm: warning: this is one page of a longer result (it has a skip token): checks see only these rows")
	}
	docs := len(s.Documents)
	out := bufio.NewWriterSize(opts.Out, 1<<16)
	if opts.Format == "json" {
		err = writeFindingsJSON(out, s)
	} else {
		err = writeFindingsTable(out, s, docs, opts.All)
	}
	if err != nil {
		return err
	}
	return out.Flush()
}

// limitMemoryFor sets the Go runtime's soft memory limit for checking the
// snapshot at path, unless GOMEMLIMIT sets one: 3.2 times the file's size,
// at least 1 GiB. Left alone, the collector lets the heap grow to twice
// what is live before it runs: a million resources (a 546 MiB file, some
// 1.15 GiB of documents and results) peaked at 2.3 GB resident; with the
// limit, at 1.85 GB, in the same time. The limit is soft: a snapshot that
// needs more makes the collector run more often, it never fails.
func limitMemoryFor(path string) {
	if os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	info, err := os.Stat(path)
	if err != nil {
		return // the load says what is wrong with the path
	}
	debug.SetMemoryLimit(max(1<<30, info.Size()*16/5))
}

// writeFindingsJSON writes the findings as one indented JSON array, as
// json.Encoder would, check by check: a million resources make some five
// million findings, which are never held together (nor their text).
func writeFindingsJSON(w *bufio.Writer, s *azure.Snapshot) error {
	n := 0
	var buf []byte
	err := azure.EachCheck(s, azure.Catalog(), func(f azure.Finding) error {
		if n == 0 {
			w.WriteString("[\n  ")
		} else {
			w.WriteString(",\n  ")
		}
		buf = appendFindingJSON(buf[:0], f)
		w.Write(buf)
		n++
		return nil
	})
	if err != nil {
		return err
	}
	if n == 0 {
		w.WriteString("[]\n")
	} else {
		w.WriteString("\n]\n")
	}
	return nil
}

// appendFindingJSON appends f as json.MarshalIndent(f, "  ", "  ") writes
// it, without reflection: five million findings took 25 s through
// encoding/json. TestFindingJSONAsEncodingJSON keeps the two the same.
func appendFindingJSON(b []byte, f azure.Finding) []byte {
	field := func(name, v string) {
		b = append(b, "\n    \""...)
		b = append(b, name...)
		b = append(b, "\": "...)
		b = appendJSONString(b, v)
		b = append(b, ',')
	}
	b = append(b, '{')
	field("check", f.Check)
	field("title", f.Title)
	field("severity", string(f.Severity))
	field("status", string(f.Status))
	field("resource_id", f.ResourceID)
	field("resource_type", f.ResourceType)
	if f.Subscription != "" {
		field("subscription", f.Subscription)
	}
	b = append(b, "\n    \"questions\": "...)
	switch {
	case f.Questions == nil:
		b = append(b, "null"...)
	case len(f.Questions) == 0:
		b = append(b, "[]"...)
	default:
		b = append(b, '[')
		for i, q := range f.Questions {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, "\n      "...)
			b = appendJSONString(b, q)
		}
		b = append(b, "\n    ]"...)
	}
	b = append(b, ',')
	field("detail", f.Detail)
	b = b[:len(b)-1] // the last field's comma
	return append(b, "\n  }"...)
}

// appendJSONString appends s quoted as encoding/json quotes it: printable
// ASCII that needs no escape as it is, anything else through encoding/json.
func appendJSONString(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c < 0x20, c >= 0x7f, c == '"', c == '\\', c == '<', c == '>', c == '&':
			q, _ := json.Marshal(s)
			return append(b, q...)
		}
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}

// findingRow is what the table keeps of a finding it lists: the resource
// id and detail, strings the finding already holds, and the check (by its
// place in the catalogue) and status, from which the other columns come.
// Millions are kept on a large tenant: 40 bytes each, in chunks that are
// never copied to grow.
type findingRow struct {
	id, detail string
	check      int32
	status     uint8 // index in rowStatus
}

var rowStatus = []azure.Status{azure.Fail, azure.Pass, azure.NA}

const rowChunk = 1 << 16

// writeFindingsTable lists the failing findings (every finding with all)
// in aligned columns and sums them up. The columns are as wide as their
// widest cell, as text/tabwriter makes them, but only the listed rows are
// kept while the checks run, in a few words each.
func writeFindingsTable(w *bufio.Writer, s *azure.Snapshot, docs int, all bool) error {
	count := map[azure.Status]int{}
	header := []string{"STATUS", "SEVERITY", "CHECK", "RESOURCE", "DETAIL"}
	var width [4]int
	fit := func(col int, text string) {
		width[col] = max(width[col], utf8.RuneCountInString(text))
	}
	for i, h := range header[:4] {
		fit(i, h)
	}
	var rows [][]findingRow
	checks := azure.Catalog()
	place := map[string]int32{}
	for i, c := range checks {
		place[c.ID] = int32(i)
	}
	err := azure.EachCheck(s, checks, func(f azure.Finding) error {
		count[f.Status]++
		if f.Status != azure.Fail && !all {
			return nil
		}
		if len(rows) == 0 || len(rows[len(rows)-1]) == rowChunk {
			rows = append(rows, make([]findingRow, 0, rowChunk))
		}
		last := &rows[len(rows)-1]
		*last = append(*last, findingRow{id: f.ResourceID, detail: f.Detail,
			check: place[f.Check], status: uint8(slices.Index(rowStatus, f.Status))})
		fit(0, string(f.Status))
		fit(1, string(f.Severity))
		fit(2, f.Check)
		fit(3, tableCell(shortID(f.ResourceID)))
		return nil
	})
	if err != nil {
		return err
	}
	line := func(cells [4]string, last string) {
		for i, c := range cells {
			w.WriteString(c)
			// minimum width 2, padding 2: text/tabwriter's (2, 4, 2, ' ', 0)
			for pad := max(2, width[i]+2) - utf8.RuneCountInString(c); pad > 0; pad-- {
				w.WriteByte(' ')
			}
		}
		w.WriteString(last)
		w.WriteByte('\n')
	}
	line([4]string(header[:4]), header[4])
	for _, chunk := range rows {
		for _, r := range chunk {
			c := &checks[r.check]
			line([4]string{string(rowStatus[r.status]), string(c.Severity), c.ID, tableCell(shortID(r.id))}, tableCell(r.detail))
		}
	}
	fmt.Fprintf(w, "\n%d documents: %d fail, %d pass, %d not applicable", docs, count[azure.Fail], count[azure.Pass], count[azure.NA])
	if !all {
		fmt.Fprint(w, " (--all lists every result)")
	}
	fmt.Fprintln(w)
	return nil
}

// tableCell makes text from a snapshot safe in one cell of the table: no
// control or bidi characters for the terminal, and no tab or newline to
// break the row.
func tableCell(s string) string {
	s = safetext.Clean(s)
	if strings.ContainsAny(s, "\t\n") {
		s = strings.NewReplacer("\t", " ", "\n", " ").Replace(s)
	}
	return s
}

// shortID keeps the resource group and name of a resource id. Ids above
// a resource group (Defender plans, secure scores, role definitions) keep
// their type and name after a short subscription: the full id made the
// RESOURCE column 150 characters wide and the table unreadable.
func shortID(id string) string {
	var segments [24]string // on the stack: the table asks millions of times
	parts := splitSlash(segments[:0], strings.Trim(id, "/"))
	if len(parts) >= 8 && strings.EqualFold(parts[2], "resourceGroups") {
		// An extension resource (a Defender assessment on a resource):
		// the resource's name, then the extension's type and name.
		for j := len(parts) - 3; j > 7; j-- {
			if strings.EqualFold(parts[j], "providers") {
				return parts[3] + "/" + parts[j-1] + "/" + strings.Join(parts[j+2:], "/")
			}
		}
		return parts[3] + "/" + strings.Join(parts[7:], "/")
	}
	prov := -1
	for i, p := range parts {
		if strings.EqualFold(p, "providers") {
			prov = i
		}
	}
	if prov < 0 && len(parts) >= 2 && !strings.EqualFold(parts[0], "subscriptions") {
		// A Microsoft Graph object ("/users/{id}"): its collection and id.
		return strings.Join(parts[len(parts)-2:], "/")
	}
	if prov < 0 || prov+2 >= len(parts) {
		return id
	}
	tail := strings.Join(parts[prov+2:], "/")
	if len(parts) >= 2 && strings.EqualFold(parts[0], "subscriptions") && prov == 2 {
		sub := parts[1]
		if len(sub) > 8 {
			sub = sub[:8] + "…"
		}
		return "sub " + sub + "/" + tail
	}
	if prov == 0 {
		return tail
	}
	return id
}

// splitSlash is strings.Split(s, "/") appending to parts.
func splitSlash(parts []string, s string) []string {
	for {
		i := strings.IndexByte(s, '/')
		if i < 0 {
			return append(parts, s)
		}
		parts = append(parts, s[:i])
		s = s[i+1:]
	}
}

// azureCatalogOptions are the inputs of `ssrm azure catalog`.
type azureCatalogOptions struct {
	Format string
	Out    io.Writer
}

func newAzureCatalogCmd(g *globals) *cobra.Command {
	opts := &azureCatalogOptions{}
	cmd := &cobra.Command{
		Use:   "catalog",
		Short: "List the live checks: what they read, their benchmarks and the questions they inform",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Out = cmd.OutOrStdout()
			return azureCatalogRun(opts)
		},
	}
	cmd.Flags().StringVar(&opts.Format, "format", "table", "table, json or md")
	return cmd
}

func refs(c azure.Check) string {
	r := "MCSB " + c.MCSB
	if l := c.CISLabel(); l != "" {
		r += ", " + l
	}
	return r
}

func azureCatalogRun(opts *azureCatalogOptions) error {
	cs := azure.Catalog()
	switch opts.Format {
	case "json":
		// Each check carries the CIS version its numbers belong to: the
		// same number names another control in another version.
		type withVersion struct {
			azure.Check
			CISVersion string `json:"cis_version,omitempty"`
		}
		out := make([]withVersion, len(cs))
		for i, c := range cs {
			out[i].Check = c
			if c.CIS != "" {
				out[i].CISVersion = azure.CISVersion
			}
		}
		enc := json.NewEncoder(opts.Out)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	case "md":
		fmt.Fprintln(opts.Out, "| Check | Title | Layer | Severity | References | Reads | Questions |")
		fmt.Fprintln(opts.Out, "| --- | --- | --- | --- | --- | --- | --- |")
		for _, c := range cs {
			reads := c.Table
			if c.Eval == nil {
				reads = "verify by hand: " + c.Manual
			}
			fmt.Fprintf(opts.Out, "| `%s` | %s | %s | %s | %s | %s | %s |\n", c.ID, c.Title, c.Layer, c.Severity, refs(c), strings.ReplaceAll(reads, "|", "\\|"), strings.Join(c.Questions, ", "))
		}
		fmt.Fprintln(opts.Out, "\n## When a property is missing, and where ssrm differs from PSRule for Azure")
		fmt.Fprintln(opts.Out)
		for _, c := range cs {
			if c.Absent == "" && c.Differs == "" {
				continue
			}
			fmt.Fprintf(opts.Out, "- `%s`: %s", c.ID, c.Absent)
			if c.Differs != "" {
				fmt.Fprintf(opts.Out, " Differs: %s", c.Differs)
			}
			fmt.Fprintln(opts.Out)
		}
		return nil
	case "table":
		w := tabwriter.NewWriter(opts.Out, 2, 4, 2, ' ', 0)
		fmt.Fprintln(w, "CHECK\tTITLE\tLAYER\tSEVERITY\tREFERENCES\tREADS\tQUESTIONS")
		manual := 0
		for _, c := range cs {
			reads := c.Table
			if c.Eval == nil {
				reads, manual = "VERIFY BY HAND", manual+1
			}
			fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", c.ID, c.Title, c.Layer, c.Severity, refs(c), reads, strings.Join(c.Questions, ","))
		}
		if err := w.Flush(); err != nil {
			return err
		}
		fmt.Fprintf(opts.Out, "\n%d checks: %d automated, %d to verify by hand (no read-only API answers them; --format md says how)\n", len(cs), len(cs)-manual, manual)
		return nil
	}
	return fmt.Errorf("%w: --format %q: use table, json or md", errUsage, opts.Format)
}
