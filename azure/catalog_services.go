package azure

import (
	q "github.com/ssrm/ssrm/questionnaire"
)

// Resource types of the messaging, configuration and AI service checks.
const (
	typeEventHubNS   = "microsoft.eventhub/namespaces"
	typeServiceBusNS = "microsoft.servicebus/namespaces"
	typeEGTopic      = "microsoft.eventgrid/topics"
	typeEGDomain     = "microsoft.eventgrid/domains"
	typeAppConfig    = "microsoft.appconfiguration/configurationstores"
	typeCognitive    = "microsoft.cognitiveservices/accounts"
	typeMLWorkspace  = "microsoft.machinelearningservices/workspaces"
	typeMLCompute    = "microsoft.machinelearningservices/workspaces/computes"
)

// catalogServices are the local-authentication and network checks of Event
// Hubs, Service Bus, Event Grid, App Configuration, Azure AI services
// (Cognitive Services, Azure OpenAI) and Azure Machine Learning.
var catalogServices = []Check{
	{ID: "eventhub-local-auth", Title: "Event Hubs namespaces accept Microsoft Entra ID only, not SAS keys",
		Layer: q.LayerApplications, Domain: "identity", Severity: Medium,
		Questions: []string{"ID-CENTRAL", "APP-SECRETS"}, Table: TableResources, Types: []string{typeEventHubNS},
		MCSB:        "IM-1",
		Remediation: "Give producers and consumers managed identities with Event Hubs data roles, then disable local (SAS) authentication.",
		Absent:      "disableLocalAuth absent: false, the API default: SAS keys work (fail).",
		Eval:        evalLocalAuth("the namespace")},
	{ID: "servicebus-local-auth", Title: "Service Bus namespaces accept Microsoft Entra ID only, not SAS keys",
		Layer: q.LayerApplications, Domain: "identity", Severity: Medium,
		Questions: []string{"ID-CENTRAL", "APP-SECRETS"}, Table: TableResources, Types: []string{typeServiceBusNS},
		MCSB:        "IM-1",
		Remediation: "Give senders and receivers managed identities with Service Bus data roles, then disable local (SAS) authentication.",
		Absent:      "disableLocalAuth absent: false, the API default: SAS keys work (fail).",
		Eval:        evalLocalAuth("the namespace")},
	{ID: "eventgrid-local-auth", Title: "Event Grid topics and domains accept Microsoft Entra ID only, not access keys",
		Layer: q.LayerApplications, Domain: "identity", Severity: Medium,
		Questions: []string{"ID-CENTRAL", "APP-SECRETS"}, Table: TableResources, Types: []string{typeEGTopic, typeEGDomain},
		MCSB:        "IM-1",
		Remediation: "Publish with Entra identities (EventGrid Data Sender role), then disable local authentication.",
		Absent:      "disableLocalAuth absent: false, the API default: access keys and SAS tokens work (fail).",
		Eval:        evalLocalAuth("Event Grid")},
	{ID: "appconfig-local-auth", Title: "App Configuration stores accept Microsoft Entra ID only, not access keys",
		Layer: q.LayerApplications, Domain: "identity", Severity: Medium,
		Questions: []string{"ID-CENTRAL", "APP-SECRETS"}, Table: TableResources, Types: []string{typeAppConfig},
		MCSB:        "IM-1",
		Remediation: "Read configuration with managed identities (App Configuration Data Reader), then disable access keys.",
		Absent:      "disableLocalAuth absent: false, the API default: access keys work (fail).",
		Eval:        evalLocalAuth("the store")},
	{ID: "ai-services-local-auth", Title: "Azure AI services accounts accept Microsoft Entra ID only, not API keys",
		Layer: q.LayerApplications, Domain: "identity", Severity: Medium,
		Questions: []string{"ID-CENTRAL", "APP-SECRETS"}, Table: TableResources, Types: []string{typeCognitive},
		MCSB:        "IM-1",
		Remediation: "Call the service with managed identities (Cognitive Services User roles), then disable local (key) authentication.",
		Absent:      "disableLocalAuth absent: false, the API default: API keys work (fail).",
		Eval:        evalLocalAuth("the AI services account")},
	{ID: "ml-compute-local-auth", Title: "Machine Learning compute accepts Microsoft Entra ID only, not local (SSH key) accounts",
		Layer: q.LayerApplications, Domain: "identity", Severity: Low,
		Questions: []string{"ID-CENTRAL"}, Table: TableResources, Types: []string{typeMLCompute},
		MCSB:        "IM-1",
		Remediation: "Create compute instances and clusters with local authentication disabled (they cannot be changed in place).",
		Absent:      "disableLocalAuth absent: false, the API default (fail).",
		Eval:        evalLocalAuth("the compute")},
	{ID: "eventhub-public-access", Title: "Event Hubs namespaces are not reachable from every network",
		Layer: q.LayerApplications, Domain: "network-security", Severity: Medium,
		Questions: []string{"NET-PRIVATE", "DATA-PUBLIC"}, Table: TableResources, Types: []string{typeEventHubNS},
		MCSB:        "NS-2",
		Remediation: "Use private endpoints and set public network access to Disabled.",
		Absent:      "publicNetworkAccess absent: Enabled, the API default (fail; IP filter rules are a child resource Resource Graph does not hold).",
		Eval:        func(d Doc, _ *Inventory) Result { return publicAccess(d, "namespace", nil) }},
	{ID: "servicebus-public-access", Title: "Service Bus namespaces are not reachable from every network",
		Layer: q.LayerApplications, Domain: "network-security", Severity: Medium,
		Questions: []string{"NET-PRIVATE", "DATA-PUBLIC"}, Table: TableResources, Types: []string{typeServiceBusNS},
		MCSB:        "NS-2",
		Remediation: "Use private endpoints (Premium tier) and set public network access to Disabled.",
		Absent:      "publicNetworkAccess absent: Enabled, the API default (fail; IP filter rules are a child resource Resource Graph does not hold).",
		Eval:        func(d Doc, _ *Inventory) Result { return publicAccess(d, "namespace", nil) }},
	{ID: "eventgrid-public-access", Title: "Event Grid topics and domains are not reachable from every network",
		Layer: q.LayerApplications, Domain: "network-security", Severity: Medium,
		Questions: []string{"NET-PRIVATE", "DATA-PUBLIC"}, Table: TableResources, Types: []string{typeEGTopic, typeEGDomain},
		MCSB:        "NS-2",
		Remediation: "Use private endpoints and disable public network access, or allow selected IP ranges only.",
		Absent:      "publicNetworkAccess absent: Enabled; inboundIpRules absent: none (fail).",
		Eval: func(d Doc, _ *Inventory) Result {
			return publicAccess(d, "Event Grid", func(d Doc) (bool, string) {
				if n := len(d.List("properties", "inboundIpRules")); n > 0 {
					return true, countOf(n, "inbound IP rule") + ": selected addresses only"
				}
				return false, ""
			})
		}},
	{ID: "appconfig-public-access", Title: "App Configuration stores are not reachable from every network",
		Layer: q.LayerApplications, Domain: "network-security", Severity: Low,
		Questions: []string{"NET-PRIVATE"}, Table: TableResources, Types: []string{typeAppConfig},
		MCSB:        "NS-2",
		Remediation: "Add a private endpoint and set public network access to Disabled.",
		Absent:      "publicNetworkAccess absent: public access is on until a private endpoint exists (the documented behaviour), so a store with an approved private endpoint passes and one without fails.",
		Eval: func(d Doc, _ *Inventory) Result {
			return publicAccess(d, "store", func(d Doc) (bool, string) {
				if d.Str("properties", "publicNetworkAccess") != "" {
					return false, ""
				}
				for _, c := range objects(d.List("properties", "privateEndpointConnections")) {
					if eq(c.Str("properties", "privateLinkServiceConnectionState", "status"), "Approved") {
						return true, "public network access not set, and a private endpoint exists: public access is off"
					}
				}
				return false, ""
			})
		}},
	{ID: "ai-services-public-access", Title: "Azure AI services accounts are not reachable from every network",
		Layer: q.LayerApplications, Domain: "network-security", Severity: Medium,
		Questions: []string{"NET-PRIVATE", "DATA-PUBLIC"}, Table: TableResources, Types: []string{typeCognitive},
		MCSB:        "NS-2",
		Remediation: "Use private endpoints and disable public network access, or deny by default and allow selected networks.",
		Absent:      "publicNetworkAccess absent: Enabled; networkAcls.defaultAction absent: Allow; the API defaults (fail).",
		Eval: func(d Doc, _ *Inventory) Result {
			return publicAccess(d, "AI services account", networkAclsDeny("networkAcls"))
		}},
	{ID: "ml-workspace-public-access", Title: "Machine Learning workspaces are not reachable from every network",
		Layer: q.LayerApplications, Domain: "network-security", Severity: Medium,
		Questions: []string{"NET-PRIVATE", "DATA-PUBLIC"}, Table: TableResources, Types: []string{typeMLWorkspace},
		MCSB:        "NS-2",
		Remediation: "Use a private endpoint (and managed virtual network isolation) and set public network access to Disabled.",
		Absent:      "publicNetworkAccess absent: Enabled, the API default (fail).",
		Eval:        func(d Doc, _ *Inventory) Result { return publicAccess(d, "workspace", nil) }},
}
