package app

import (
	"context"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"

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
