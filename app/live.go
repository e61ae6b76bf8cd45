package app

import (
	"context"
	"strings"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"

	"github.com/ssrm/ssrm/azure"
)

// LiveSource is the wizard's way into Azure for the live checks: the
// azure package's collector in the product, a fake in tests (which never
// touch the network).
type LiveSource interface {
	// Subscriptions lists what the signed-in identity can read.
	Subscriptions(ctx context.Context) ([]azure.Subscription, error)
	// Collect reads the chosen subscriptions, reporting each query's
	// progress; cancelling ctx stops it.
	Collect(ctx context.Context, subscriptions []string, progress func(azure.Progress)) (*azure.Snapshot, error)
}

// ConnectFunc signs in with a method. prompt shows the device code
// message ("open … and enter the code …"); it is called from the sign-in
// itself, off the UI's path.
type ConnectFunc func(method azure.SignIn, prompt func(string)) (LiveSource, error)

// ConnectAzure signs in through azidentity and collects through Azure
// Resource Graph, naming tool in the requests' user agent.
func ConnectAzure(tool string) ConnectFunc {
	return func(method azure.SignIn, prompt func(string)) (LiveSource, error) {
		cred, err := azure.NewCredential(method, azure.CredentialOptions{Prompt: prompt})
		if err != nil {
			return nil, err
		}
		return azureSource{cred: cred, tool: tool}, nil
	}
}

type azureSource struct {
	cred azcore.TokenCredential
	tool string
}

func (a azureSource) Subscriptions(ctx context.Context) ([]azure.Subscription, error) {
	c, err := azure.NewCollector(azure.Options{Credential: a.cred, Tool: a.tool})
	if err != nil {
		return nil, err
	}
	return c.ListSubscriptions(ctx)
}

func (a azureSource) Collect(ctx context.Context, subs []string, progress func(azure.Progress)) (*azure.Snapshot, error) {
	c, err := azure.NewCollector(azure.Options{Credential: a.cred, Subscriptions: subs, Progress: progress, Tool: a.tool})
	if err != nil {
		return nil, err
	}
	return c.Collect(ctx)
}

// GraphSource is a LiveSource that can also read Entra ID through
// Microsoft Graph. refused says why Graph was not read at all (its token
// was refused); the Resource Graph collection is kept then, and reads
// refused one by one are in the snapshot's Reads.
type GraphSource interface {
	CollectWithGraph(ctx context.Context, subscriptions []string, progress func(azure.Progress)) (snap *azure.Snapshot, refused string, err error)
}

// CollectWithGraph collects with the Microsoft Graph reads. It asks for a
// Graph token first: when that is refused, it collects without Graph and
// says why, instead of losing the collection.
func (a azureSource) CollectWithGraph(ctx context.Context, subs []string, progress func(azure.Progress)) (*azure.Snapshot, string, error) {
	graph := true
	refused := ""
	if _, err := a.cred.GetToken(ctx, policy.TokenRequestOptions{Scopes: []string{azure.DefaultGraphEndpoint + "/.default"}}); err != nil {
		if ctx.Err() != nil {
			return nil, "", ctx.Err()
		}
		graph, refused = false, "its sign-in was refused: "+firstLine(err.Error())
	}
	c, err := azure.NewCollector(azure.Options{Credential: a.cred, Subscriptions: subs, Progress: progress, Tool: a.tool, Graph: graph})
	if err != nil {
		return nil, "", err
	}
	snap, err := c.Collect(ctx)
	return snap, refused, err
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}
