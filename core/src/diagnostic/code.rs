//! Diagnostic codes: stable names, each documented (why it matters, an example, the fix).
//!
//! `docs/diagnostics.md` is generated from this table and checked for drift.

use std::fmt;

use super::Severity;

/// The documentation of one code.
#[derive(Clone, Copy, Debug)]
pub struct CodeDoc {
    /// Why the problem matters.
    pub why: &'static str,
    /// An input that triggers it.
    pub example: &'static str,
    /// How to fix it.
    pub fix: &'static str,
}

macro_rules! codes {
    ($(
        $(#[$meta:meta])*
        $variant:ident = $name:literal, $severity:ident,
        why $why:literal,
        example $example:literal,
        fix $fix:literal;
    )*) => {
        /// Every diagnostic code kubegraph emits.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum Code {
            $($(#[$meta])* $variant,)*
        }

        impl Code {
            /// Every code, in documentation order.
            pub const ALL: &'static [Code] = &[$(Code::$variant),*];

            /// The stable name, for example `invalid-name`.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Code::$variant => $name,)*
                }
            }

            /// The severity of every diagnostic of this code.
            pub fn severity(self) -> Severity {
                match self {
                    $(Code::$variant => Severity::$severity,)*
                }
            }

            /// Why it matters, an example and the fix.
            pub fn doc(self) -> CodeDoc {
                match self {
                    $(Code::$variant => CodeDoc { why: $why, example: $example, fix: $fix },)*
                }
            }
        }
    };
}

codes! {
    /// The input is not JSON (or not UTF-8 text).
    InvalidJson = "invalid-json", Error,
        why "Nothing can be checked or compiled until the document parses.",
        example "`{\"name\": \"shop\", \"nodes\": [` (cut off)",
        fix "Repair the JSON at the line and column given; an export that was cut off must be taken again, a file in another encoding saved as UTF-8.";
    /// The input is JSON but not a workflow object.
    InvalidDocument = "invalid-document", Error,
        why "A workflow is a JSON object with `nodes` and `edges`; anything else cannot be read.",
        example "`[1, 2, 3]`",
        fix "Pass the workflow object itself, not a list or a wrapper.";
    /// A value has the wrong JSON type.
    InvalidType = "invalid-type", Error,
        why "Kubernetes would reject the manifest, or the field would silently be lost.",
        example "`\"replicas\": \"three\"`",
        fix "Give the value the type the field expects (see the JSON Schema).";
    /// A value is not one of the allowed values.
    InvalidEnum = "invalid-enum", Error,
        why "Kubernetes accepts only a fixed set of values for this field.",
        example "`\"serviceType\": \"Internal\"`",
        fix "Use one of the values listed in the message.";
    /// A required field is missing or empty.
    MissingField = "missing-field", Error,
        why "The object cannot be built without it; the reference back end silently substituted the node id.",
        example "a deployment without `image`",
        fix "Fill in the field.";
    /// Two nodes share an id.
    DuplicateNodeId = "duplicate-node-id", Error,
        why "Edges refer to nodes by id; with two nodes of one id a link is ambiguous.",
        example "two nodes with `\"id\": \"node-2\"`",
        fix "Give every node its own id.";
    /// Two edges share an id.
    DuplicateEdgeId = "duplicate-edge-id", Error,
        why "The canvas addresses edges by id; a duplicate hides one of them.",
        example "two edges with `\"id\": \"e1\"`",
        fix "Give every edge its own id.";
    /// An edge refers to a node that does not exist.
    DanglingEdge = "dangling-edge", Error,
        why "The relationship it stood for cannot be honoured: a Service would select nothing, a volume would be missing.",
        example "`{\"source\": \"node-9\", \"target\": \"node-1\"}` with no `node-9`",
        fix "Delete the edge or restore the node it pointed to.";
    /// An edge connects a node to itself.
    SelfLoop = "self-loop", Error,
        why "No Kubernetes relationship links an object to itself.",
        example "`{\"source\": \"node-1\", \"target\": \"node-1\"}`",
        fix "Delete the edge.";
    /// Edges form a cycle.
    Cycle = "cycle", Error,
        why "Relationships flow from ingress to service to workload and from config to workload; a cycle means one edge points the wrong way.",
        example "service → deployment → service",
        fix "Delete or reverse the edge named in the message.";
    /// An edge connects kinds that have no relationship.
    ForbiddenConnection = "forbidden-connection", Error,
        why "Only the pairs in the connection table mean something; any other edge would be ignored silently.",
        example "ingress → deployment (an Ingress routes to a Service, not to pods)",
        fix "Connect through the right kind (for example ingress → service → deployment) or delete the edge.";
    /// An edge leaves from a handle the source node does not have.
    UnknownHandle = "unknown-handle", Warning,
        why "Removing an Ingress path or a NetworkPolicy rule leaves the edges that left from its handle, which the canvas no longer shows; such an edge stands for no route or rule and is ignored.",
        example "an ingress edge with `sourceHandle: \"path-9\"` when the ingress has no such path",
        fix "Delete the edge from the workflow JSON, or re-add the path or rule and connect it again.";
    /// A single-target link has more than one edge.
    MultipleTargets = "multiple-targets", Error,
        why "An HPA and an Ingress path take one target (a Service or a policy header may select several workloads); the reference silently kept the last.",
        example "one HPA connected to two Deployments",
        fix "Keep one edge; use another node for the other target.";
    /// A link crosses namespaces.
    CrossNamespaceLink = "cross-namespace-link", Error,
        why "Services select pods, HPAs scale workloads and volumes mount objects only within one namespace.",
        example "a Service in `shop` connected to a Deployment in `default`",
        fix "Put both nodes in the same namespace.";
    /// A node has a type kubegraph does not know.
    UnknownNodeType = "unknown-node-type", Warning,
        why "The node is kept in the workflow but left out of the manifests.",
        example "`\"type\": \"webhook\"`",
        fix "Remove the node or upgrade kubegraph when the type is supported.";
    /// A copy the UI keeps in node data contradicts the edges.
    StaleLink = "stale-link", Warning,
        why "The UI copies link results into node data and does not update them; the edge is the source of truth. A copy is reported where the user sees it and it disagrees with an edge, or where it names a deleted node the output would otherwise refer to: such a reference is never compiled (a mount of a deleted node and an Ingress path to a deleted Service are left out, a Service's `targetApp` of a deleted workload selects nothing, the HPA of a deleted workload is left out); the `_linked*` ids and `volumeMounts` copies the designer never shows are not reported beside edges, nor are ids a canvas import renamed.",
        example "`targetApp: \"web\"` while the Service's edge goes to the `api` Deployment",
        fix "Reconnect the edge in the UI (it rewrites the copy), or edit the field to match.";
    /// A name is not valid for its kind.
    InvalidName = "invalid-name", Error,
        why "Kubernetes rejects the object.",
        example "`\"name\": \"My_App\"`",
        fix "Use lower-case letters, digits and '-' (Services must start with a letter).";
    /// A namespace is not a DNS-1123 label.
    InvalidNamespace = "invalid-namespace", Error,
        why "Kubernetes rejects the object and the namespace.",
        example "`\"namespace\": \"Team A\"`",
        fix "Use lower-case letters, digits and '-', at most 63 characters.";
    /// A label key or value is not valid.
    InvalidLabel = "invalid-label", Error,
        why "Kubernetes rejects the object; a name that becomes the `app` label must also be a label value.",
        example "`\"labels\": {\"tier\": \"front end\"}`",
        fix "Label values: at most 63 characters of letters, digits, '-', '_' and '.', starting and ending alphanumeric.";
    /// An annotation key is not valid, or annotations are too large.
    InvalidAnnotation = "invalid-annotation", Error,
        why "Kubernetes rejects the object.",
        example "`\"annotations\": {\"bad key\": \"x\"}`",
        fix "Use a qualified name as key; keep all annotations under 256 KiB.";
    /// Two nodes produce the same object.
    DuplicateResource = "duplicate-resource", Error,
        why "The second would overwrite the first when applied.",
        example "two Deployments named `api` in namespace `shop`",
        fix "Rename one of them or move it to another namespace.";
    /// An image reference is malformed.
    InvalidImage = "invalid-image", Error,
        why "The kubelet cannot pull it; pods stay in `InvalidImageName`.",
        example "`\"image\": \"nginx 1.27\"`",
        fix "Write `registry/path:tag` or `path@sha256:...`, without spaces, in lower case.";
    /// A count is negative or below its minimum.
    InvalidCount = "invalid-count", Error,
        why "Kubernetes rejects negative counts; completions and parallelism must be at least 1.",
        example "`\"replicas\": -1`",
        fix "Use a non-negative integer (at least 1 where the message says so).";
    /// A port is out of range or a named port is not an IANA service name.
    InvalidPort = "invalid-port", Error,
        why "Kubernetes rejects ports outside 1-65535 and malformed port names.",
        example "`\"port\": 70000`",
        fix "Use 1-65535, or a name of at most 15 lower-case letters, digits and '-'.";
    /// A nodePort is outside the default node port range.
    NodePortRange = "node-port-range", Warning,
        why "Clusters allocate node ports from 30000-32767 unless configured otherwise; the API server will likely refuse it.",
        example "`\"nodePort\": 8080`",
        fix "Choose a port within 30000-32767, or omit it to have one allocated.";
    /// A resource quantity is malformed.
    InvalidQuantity = "invalid-quantity", Error,
        why "Kubernetes rejects the object.",
        example "`\"memory\": \"1GB\"`",
        fix "Use Kubernetes quantities: `250m`, `1.5`, `512Mi`, `2G`, `1e3`.";
    /// A limit is below its request.
    LimitBelowRequest = "limit-below-request", Error,
        why "Kubernetes rejects a container whose limit is below its request.",
        example "requests.memory `1Gi`, limits.memory `512Mi`",
        fix "Raise the limit or lower the request.";
    /// Memory written with a lower-case `m`, thousandths of a byte (`256m`).
    MillibyteMemory = "millibyte-memory", Error,
        why "Kubernetes accepts it, but `m` means thousandths: `256m` is 0.256 bytes, so such a limit kills the container as it starts and such a request reserves nothing.",
        example "`\"memory\": \"256m\"` meant as 256 mebibytes",
        fix "Write mebibytes as `256Mi` or megabytes as `256M`.";
    /// A cron schedule is not accepted by Kubernetes.
    InvalidSchedule = "invalid-schedule", Error,
        why "Kubernetes rejects the CronJob; six-field schedules (with seconds) are a common mistake.",
        example "`\"schedule\": \"0 0 * * * *\"`",
        fix "Use five fields (minute hour day-of-month month day-of-week) or a macro such as `@daily`.";
    /// HPA bounds are inconsistent.
    InvalidHpaBounds = "invalid-hpa-bounds", Error,
        why "Kubernetes rejects minReplicas below 1 or maxReplicas below minReplicas.",
        example "`\"minReplicas\": 5, \"maxReplicas\": 2`",
        fix "Set minReplicas ≥ 1 and maxReplicas ≥ minReplicas.";
    /// An HPA has no metric.
    MissingMetric = "missing-metric", Info,
        why "An HPA without a target utilisation (a cleared number box) is valid: Kubernetes then scales on 80% average CPU utilisation.",
        example "an HPA with neither `targetCPUUtilization` nor `targetMemoryUtilization`",
        fix "Nothing to do if 80% CPU suits; otherwise set a CPU or memory utilisation target.";
    /// A utilisation target is out of range.
    InvalidUtilization = "invalid-utilization", Error,
        why "The API server rejects a target of 0 or less, or beyond a 32-bit integer.",
        example "`\"targetCPUUtilization\": 0`",
        fix "Use a percentage above 0, for example 70.";
    /// A NetworkPolicy lists no policy types.
    MissingPolicyTypes = "missing-policy-types", Error,
        why "Kubernetes then guesses the directions from the rules, and always picks Ingress: a policy drawn for egress alone also cuts its pods off from all incoming traffic.",
        example "`\"policyTypes\": []`",
        fix "List `Ingress`, `Egress` or both.";
    /// An egress policy allows some traffic but none to DNS.
    EgressWithoutDns = "egress-without-dns", Warning,
        why "Pods the policy selects cannot resolve any name, which shows up as timeouts far from the cause.",
        example "`policyTypes: [\"Egress\"]` with one egress rule to port 5432 only",
        fix "Add an egress rule to port 53, UDP and TCP, for example to the kube-system namespace.";
    /// A CIDR is malformed or an `except` is outside its `cidr`.
    InvalidCidr = "invalid-cidr", Error,
        why "Kubernetes rejects the policy; an `except` outside the range excludes nothing.",
        example "`{\"cidr\": \"10.0.0.0/16\", \"except\": [\"192.168.0.0/24\"]}`",
        fix "Write `address/prefix` (IPv4 or IPv6) and keep every `except` inside the `cidr`.";
    /// A NetworkPolicy peer lacks what its type requires.
    InvalidPeer = "invalid-peer", Error,
        why "A `namespaceSelector` peer without labels, or an `ipBlock` peer without a block, selects nothing or everything by accident.",
        example "`{\"type\": \"ipBlock\"}`",
        fix "Give the peer its namespace labels or IP block.";
    /// A ConfigMap or Secret key is not valid.
    InvalidDataKey = "invalid-data-key", Error,
        why "Kubernetes rejects keys outside `[-._a-zA-Z0-9]+`.",
        example "`\"data\": {\"my key\": \"x\"}`",
        fix "Use letters, digits, '-', '_' and '.'.";
    /// A placeholder or empty key was dropped.
    PlaceholderKey = "placeholder-key", Warning,
        why "The UI writes `_new_<millis>` keys for fresh rows; they are not meant to be deployed.",
        example "`\"data\": {\"_new_1716380000000\": \"\"}`",
        fix "Name the key in the UI or delete the row.";
    /// ConfigMap or Secret data is too large.
    DataTooLarge = "data-too-large", Error,
        why "Kubernetes objects are limited to 1 MiB of data.",
        example "a ConfigMap holding a 2 MB file",
        fix "Split the data or mount it from a volume.";
    /// A Secret of a typed kind lacks a key its type requires.
    MissingSecretKey = "missing-secret-key", Error,
        why "Kubernetes rejects a `kubernetes.io/tls` Secret without `tls.crt` and `tls.key` (or a dockerconfigjson one without `.dockerconfigjson`).",
        example "`secretType: kubernetes.io/tls` with keys `[cert]`",
        fix "Add the required keys.";
    /// A mount path is relative or used twice in one container.
    InvalidMountPath = "invalid-mount-path", Error,
        why "Kubernetes rejects relative mount paths and two volumes on one path.",
        example "two volumes mounted at `/etc/config`",
        fix "Use a distinct absolute path per volume.";
    /// A Service selects nothing.
    ServiceWithoutTarget = "service-without-target", Warning,
        why "A Service with no selector gets no endpoints unless they are managed by hand.",
        example "a Service with no edge, no `targetApp` and no `selector`",
        fix "Connect the Service to a workload.";
    /// A Service's targetPort is not a port of the workload it selects.
    TargetPortMismatch = "target-port-mismatch", Warning,
        why "Traffic would go to a port nothing listens on. (A numbered targetPort of a Service connected by an edge is declared on the workload's container instead.)",
        example "`targetPort: \"metrics\"` while the Deployment's only port is `http`",
        fix "Set targetPort to the workload's port, or connect the Service to it with an edge and use a number.";
    /// A selector does not match the pods it is for: a workload's own, or those of a workload a Service's edge connects it to.
    SelectorMismatch = "selector-mismatch", Error,
        why "The API server rejects a workload whose selector does not match its own pods (`selector does not match template labels`); a Service whose `selector` misses a workload its edge connects it to sends that workload no traffic.",
        example "`selector: {app: reviews}` on `reviews-v1`, whose pods are labelled `app: reviews-v1`",
        fix "Set the label in `labels` (for example `app: reviews`), or remove the selector key.";
    /// Two workloads of one namespace select each other's pods.
    OverlappingSelectors = "overlapping-selectors", Error,
        why "Controllers whose selectors overlap fight over the same pods (Kubernetes does not stop it), and every Service or policy selecting one also picks the other's pods.",
        example "two Deployments both labelled `app: reviews` without a `version` label",
        fix "Give one of them a distinguishing label, such as `version: v2`; its selector then includes it.";
    /// The workloads a Service or policy is connected to share no label.
    NoCommonSelector = "no-common-selector", Error,
        why "A Service or policy connected to several workloads selects the labels their selectors share; with none shared it would select every pod of the namespace (or none).",
        example "one Service connected to the Deployments `web` and `api`, selected by `app: web` and `app: api`",
        fix "Give the workloads a common label, such as `app: shop` (with a `version` label to keep their own selectors apart), or use one Service per workload.";
    /// A Service or policy also selects pods of a workload it is not connected to.
    SelectsUnconnectedWorkload = "selects-unconnected-workload", Warning,
        why "Traffic (or the policy) also reaches the pods of a workload the canvas does not connect, which is valid Kubernetes but rarely meant.",
        example "a Service connected to `reviews-v1` and `reviews-v2` selects `{app: reviews}`, which `reviews-v3` also has",
        fix "Connect the other workload too, or give the connected ones a label it lacks.";
    /// A Service's selector picks no workload of the workflow.
    SelectorMatchesNothing = "selector-matches-nothing", Warning,
        why "A Service whose selector matches no pod has no endpoints: connections to it are refused. Pods made outside the workflow may still match, so it is only a warning.",
        example "`selector: {app: details}` while the only workload is `details-v1`, labelled `app: details-v1`",
        fix "Connect the Service to the workload, or give the workload the labels the selector names.";
    /// An Ingress has no path that routes anywhere.
    IngressWithoutBackend = "ingress-without-backend", Error,
        why "An Ingress with no routable path serves only 404s.",
        example "an Ingress whose paths have no edge and no service name",
        fix "Connect a path to a Service.";
    /// TLS is enabled without a secret name.
    TlsWithoutSecret = "tls-without-secret", Error,
        why "The ingress controller has no certificate to serve.",
        example "`\"tlsEnabled\": true` without `tlsSecretName`",
        fix "Name the Secret holding the certificate, or turn TLS off.";
    /// A StatefulSet has no serviceName.
    MissingServiceName = "missing-service-name", Warning,
        why "Kubernetes accepts a StatefulSet without a governing Service, but its pods then get no stable DNS names (`<pod>.<service>`), which clustered databases rely on.",
        example "a statefulset without `serviceName`",
        fix "Set `serviceName` if the pods must be reached by name; kubegraph generates the headless Service when the graph has none.";
    /// Two volume claim templates share a name.
    DuplicateClaimTemplate = "duplicate-claim-template", Error,
        why "Kubernetes rejects the StatefulSet.",
        example "two templates named `data`",
        fix "Rename one of them.";
    /// A PVC or claim template has no storage size.
    MissingStorage = "missing-storage", Error,
        why "Kubernetes requires `resources.requests.storage` on a claim.",
        example "a PVC without `storage`",
        fix "Set a size such as `10Gi`.";
    /// A plugin node refers to no known plugin definition.
    UnknownPlugin = "unknown-plugin", Error,
        why "Without the definition kubegraph cannot know the custom resource's kind or check its fields, so the node cannot be compiled.",
        example "a plugin node with `templateId: certificate` and no `--plugins` file",
        fix "Pass the plugin definitions (`--plugins`).";
    /// A plugin field value is missing or malformed.
    InvalidPluginValue = "invalid-plugin-value", Error,
        why "The custom resource would be rejected or miss a required setting.",
        example "a `number` field holding `\"ten\"`, or a `select` value not among its options",
        fix "Fill in the field with a value of its type.";
    /// A plugin node's custom resource kind was matched loosely from its node type name.
    PluginKindGuessed = "plugin-kind-guessed", Warning,
        why "The node type names no kind and no `crdKinds` entry equals its name, so the kind is the first entry that contains the name or is contained in it (case, `-` and `_` ignored), as the reference chooses it; with several such entries the first may not be the one meant.",
        example "node type `pg-cluster` of a plugin whose `crdKinds` are `Cluster`, `Backup`: a `Cluster` is made",
        fix "Name the node type after the kind (`cluster`), or add `kind` to the node type in the plugin definition.";
    /// A plugin node's custom resource kind or apiVersion cannot be found.
    UnresolvedPluginKind = "unresolved-plugin-kind", Error,
        why "The plugin definition gives no kind matching the node type (and the node type names none), or neither a `crdGroup` nor an `apiVersion`: kubegraph cannot tell which custom resource to make and leaves the node out.",
        example "node type `database` of a plugin whose `crdKinds` are `Cluster`, `Backup`",
        fix "Add `kind` (and `apiVersion` when the plugin has no `crdGroup`) to the node type in the plugin definition, or name the node type after one of its `crdKinds`.";
    /// A plugin node type has no apiVersion; `<crdGroup>/v1` is assumed.
    AssumedApiVersion = "assumed-api-version", Warning,
        why "The reference hard-codes `v1`, which is wrong for many CRDs (cert-manager's is `v1`, others are `v1beta1`).",
        example "a plugin definition without `apiVersion` on its node type",
        fix "Add `apiVersion` to the node type in the plugin definition.";
    /// No values were supplied for a Secret; it is not emitted.
    MissingSecretValues = "missing-secret-values", Warning,
        why "Secret values are never stored; without run-time values the Secret is left out and workloads refer to one created earlier.",
        example "compiling a workflow with a secret node and no `--values`",
        fix "Pass the values (`--values`) or create the Secret beforehand.";
    /// An env key has no value supplied.
    MissingEnvValue = "missing-env-value", Warning,
        why "The variable would be missing from the container.",
        example "`envKeys: [{\"name\": \"API_KEY\"}]` with no value for it",
        fix "Supply the value under `envVars.<node id>` in the values.";
    /// A headless Service was generated for a StatefulSet.
    GeneratedHeadlessService = "generated-headless-service", Info,
        why "A StatefulSet needs its governing headless Service; the reference never created one.",
        example "a statefulset with `serviceName: db-headless` and no such Service in the graph",
        fix "Nothing to do; draw the Service yourself to control it.";
    /// A workload's replica count was left to the HPA that scales it.
    ReplicasLeftToAutoscaler = "replicas-left-to-autoscaler", Info,
        why "With `replicas` in the manifest, every apply would reset the scale the HPA chose; Kubernetes advises leaving the field out.",
        example "an hpa connected to a deployment with `replicas: 3`",
        fix "Nothing to do; set the HPA's minReplicas for the smallest scale.";
    /// Run-time values could not be read.
    InvalidValues = "invalid-values", Error,
        why "Secret and env values must be `{\"secrets\": {node: {KEY: value}}, \"envVars\": {...}}`.",
        example "`{\"secrets\": [\"x\"]}`",
        fix "Pass values in the documented shape.";
    /// Plugin definitions could not be read.
    InvalidPlugins = "invalid-plugins", Error,
        why "Plugin nodes cannot be compiled without their definitions.",
        example "a plugins file that lists plugin names instead of their definitions",
        fix "Pass a JSON array of plugin definitions, or the plugin catalogue's body `{\"plugins\": [...]}` as it came.";
    /// A NetworkPolicy peer selects every pod of the policy's namespace.
    AllPodsPeer = "all-pods-peer", Info,
        why "An empty `podSelector` (what \"Add Peer\" writes) is valid and means every pod of the policy's namespace, which may be wider than meant.",
        example "`{\"type\": \"podSelector\", \"podSelector\": {}}`",
        fix "Nothing to do if every pod is meant; otherwise connect a workload to the rule's handle or give the peer pod labels.";
    /// An Ingress names one class in `ingressClassName` and another in the deprecated
    /// `kubernetes.io/ingress.class` annotation.
    IngressClassConflict = "ingress-class-conflict", Error,
        why "The API server rejects an Ingress whose `kubernetes.io/ingress.class` annotation differs from its `ingressClassName`: it cannot tell which controller should serve it.",
        example "`\"ingressClassName\": \"nginx\"` with the annotation `kubernetes.io/ingress.class: traefik`",
        fix "Keep `ingressClassName` and delete the annotation (it is deprecated), or make them name the same class.";
    /// A claim uses `ReadWriteOncePod` together with another access mode.
    ReadWriteOncePodCombined = "read-write-once-pod-combined", Error,
        why "The API server rejects a PersistentVolumeClaim (or a StatefulSet's claim template) that uses ReadWriteOncePod with other access modes: one pod only and many readers or one node cannot both hold.",
        example "`\"accessModes\": [\"ReadWriteOncePod\", \"ReadWriteOnce\"]`",
        fix "Keep ReadWriteOncePod alone, or drop it and keep the other modes.";
    /// A claim of `volumeMode: Block` is mounted into a workload as a file system.
    BlockVolumeMounted = "block-volume-mounted", Warning,
        why "kubegraph mounts a claim with `volumeMounts`, and a raw block device needs `volumeDevices`. The API server accepts the pod, so this is a warning, but the kubelet refuses to set up the volume and the pod never starts (it stays in ContainerCreating).",
        example "a pvc with `\"volumeMode\": \"Block\"` connected to a deployment",
        fix "Use `volumeMode: Filesystem` (the default) for a claim that is mounted.";
    /// A ReadWriteOnce or ReadWriteOncePod claim is mounted by a workload that can run more than one pod.
    SingleNodeClaimShared = "single-node-claim-shared", Warning,
        why "The cluster accepts it, but such a volume attaches to one node (ReadWriteOnce) or one pod (ReadWriteOncePod): a second pod of a Deployment or StatefulSet with several replicas, or of one an HPA scales up, that lands elsewhere waits forever on a Multi-Attach error.",
        example "a pvc with `\"accessModes\": [\"ReadWriteOnce\"]` connected to a deployment with `\"replicas\": 3`",
        fix "Use ReadWriteMany storage, run a single pod, or give each replica its own claim with a StatefulSet claim template.";
    /// An HPA scales on CPU or memory utilisation of a workload that requests none of it.
    UtilizationWithoutRequest = "utilization-without-request", Warning,
        why "Utilisation is usage divided by the container's request. The cluster accepts both objects, but without a request (or a limit, which becomes the request) the HPA cannot compute the metric and never scales.",
        example "an hpa with `\"targetCPUUtilization\": 80` connected to a deployment without `resources.requests.cpu`",
        fix "Set `resources.requests` for the resource the HPA scales on.";
    /// A NetworkPolicy with an empty podSelector is connected to no workload.
    NamespaceWidePolicy = "namespace-wide-policy", Warning,
        why "An empty podSelector selects every pod of the namespace. The cluster accepts it, but a policy just dropped on the canvas (type Ingress, no rules) then denies all ingress to every pod there.",
        example "a networkpolicy with `\"podSelector\": {}` and no `output` edge",
        fix "Connect the policy's output to the workloads it is for; keep it unconnected only to cover the whole namespace on purpose.";
    /// A blank item in a container's `command` or `args`.
    EmptyArgument = "empty-argument", Warning,
        why "The canvas splits these lists on commas, so a trailing comma leaves `\"\"`. Kubernetes accepts it and passes an empty argument to the program (as the program name itself, the container fails to start).",
        example "`\"command\": [\"sh\", \"\"]` typed as `sh,`",
        fix "Remove the trailing or doubled comma.";
    /// One path of an Ingress routes nowhere while others do.
    PathWithoutBackend = "path-without-backend", Warning,
        why "The path is left out of the Ingress, so requests to it get the controller's 404; the other paths still work.",
        example "an Ingress with paths `/` (connected to a Service) and `/api` (no edge, no service name)",
        fix "Connect the path's handle to a Service, or delete the path.";
    /// NetworkPolicy rules of a direction its policy types do not list.
    IgnoredPolicyRules = "ignored-policy-rules", Error,
        why "Kubernetes ignores the rules of a direction `policyTypes` does not list: the traffic they were drawn to restrict stays unrestricted, without a word.",
        example "`\"policyTypes\": [\"Ingress\"]` with an egress rule to a database",
        fix "Add the direction to `policyTypes`, or delete its rules.";
    /// A memory utilisation target above 100 %.
    UnreachableMemoryTarget = "unreachable-memory-target", Warning,
        why "Memory use rarely exceeds its request, and never when limits equal requests: the HPA then never scales out on memory.",
        example "`\"targetMemoryUtilization\": 150`",
        fix "Use a memory percentage of at most 100.";
    /// A liveness, readiness or startup probe the API server refuses.
    InvalidProbe = "invalid-probe", Error,
        why "The API server refuses a probe with no handler or several, an exec probe without a command, an HTTP, TCP or gRPC probe without a valid port, a negative timing, a termination grace period on a readiness probe or of 0 or less, and a success threshold other than 1 on a liveness or startup probe: the workload is never created.",
        example "`\"livenessProbe\": {\"periodSeconds\": 10}` (no handler), or `\"successThreshold\": 3` on a liveness probe",
        fix "Give the probe exactly one of exec, httpGet, tcpSocket or grpc, and timings of 0 (the default) or more.";
    /// A probe names a port the container does not declare.
    UndeclaredProbePort = "undeclared-probe-port", Error,
        why "An HTTP or TCP probe may name its port, but the kubelet resolves the name among the container's ports. The API server accepts an unknown name; every probe then fails: a liveness probe restarts the container forever, a readiness probe keeps it out of its Services.",
        example "`\"readinessProbe\": {\"httpGet\": {\"port\": \"metrics\"}}` on a deployment whose only port is `http`",
        fix "Probe the port by number, or by the name of a container port (a workload's `port` is named `http`).";
    /// A StatefulSet's governing Service is drawn but not headless.
    GoverningServiceNotHeadless = "governing-service-not-headless", Warning,
        why "A StatefulSet's pods get stable DNS names (`<pod>.<serviceName>`) only through a headless Service. The drawn Service of that name replaces the one kubegraph would generate; with a virtual IP, Kubernetes accepts it but the pod names do not resolve, so peers that find each other by name (database replicas, clusters) never do.",
        example "a statefulset with `serviceName: db` and a Service node `db` without `clusterIP: \"None\"`",
        fix "Set `clusterIP` to `\"None\"` on the Service, or name another Service in `serviceName` (kubegraph generates a headless one when the graph has none of that name).";
    /// A Service's `clusterIP` the API server refuses.
    InvalidClusterIp = "invalid-cluster-ip", Error,
        why "`clusterIP` takes `\"None\"` (headless) or an IP address; the API server refuses any other value, and refuses a headless NodePort or LoadBalancer Service, which needs a cluster IP.",
        example "`\"clusterIP\": \"none\"`, or `\"clusterIP\": \"None\"` with `\"serviceType\": \"NodePort\"`",
        fix "Write `\"None\"` for a headless ClusterIP Service, or clear the field to have an address allocated.";
    /// A container or pod security context the API server refuses, or whose container the
    /// kubelet never starts.
    InvalidSecurityContext = "invalid-security-context", Error,
        why "The API server refuses a user or group id outside 0-2147483647, `privileged` or the capability `CAP_SYS_ADMIN` with `allowPrivilegeEscalation: false`, a `Localhost` seccomp profile without `localhostProfile` (or that field with another type, or a path that is absolute or climbs with `..`); and with `runAsNonRoot: true` and user 0 the kubelet refuses to start the container, so the pod never runs.",
        example "`\"securityContext\": {\"privileged\": true, \"allowPrivilegeEscalation\": false}`",
        fix "Drop `privileged` (or allow escalation), name the profile file of a `Localhost` profile, and run as a non-zero user when `runAsNonRoot` is set.";
    /// A further container's volume mount names no volume of the pod.
    UnknownVolume = "unknown-volume", Error,
        why "The API server refuses a pod whose container mounts a volume the pod does not have.",
        example "`\"sidecars\": [{\"name\": \"log\", \"volumeMounts\": [{\"name\": \"logs\", \"mountPath\": \"/logs\"}]}]` without a volume `logs`",
        fix "Name a `volumes[]` entry of the workload, a claim template, or the volume kubegraph makes of a mounted ConfigMap, Secret or PVC (`<its name>-volume`); or add the volume.";
    /// A regular sidecar in the pod of a Job or CronJob.
    JobSidecar = "job-sidecar", Warning,
        why "A Job completes only when every container of its pod has exited: a sidecar that keeps running (a proxy, a log shipper) holds the Job open until its deadline, and the CronJob's next runs pile up behind it.",
        example "a CronJob with `\"sidecars\": [{\"name\": \"proxy\", \"image\": \"envoyproxy/envoy:v1.30.1\"}]`",
        fix "Make it a native sidecar (move it to `initContainers` with `restartPolicy: Always`: it is stopped when the main container finishes), or make sure it exits on its own.";
    /// A `restartPolicy` on a sidecar (a regular container of the pod).
    ContainerRestartPolicy = "container-restart-policy", Error,
        why "Only an init container takes a `restartPolicy` (`Always`, which makes it a native sidecar); the API server refuses one on a regular container.",
        example "`\"sidecars\": [{\"name\": \"proxy\", \"image\": \"envoy\", \"restartPolicy\": \"Always\"}]`",
        fix "Remove it from the sidecar, or move the container to `initContainers` to make it a native sidecar (started before the others).";
    /// An environment variable the API server refuses.
    InvalidEnv = "invalid-env", Error,
        why "The API server refuses a variable without a name, with both `value` and `valueFrom`, a `valueFrom` with no source or several, a `secretKeyRef` or `configMapKeyRef` without name or key, a `fieldRef` path it does not support, or a `resourceFieldRef` resource other than requests or limits of cpu, memory and ephemeral-storage.",
        example "`{\"name\": \"POD\", \"valueFrom\": {\"fieldRef\": {\"fieldPath\": \"metadata.podName\"}}}`",
        fix "Give each variable a name and one value: `value`, or `valueFrom` with exactly one supported source.";
    /// A `secretKeyRef` or `configMapKeyRef` names a key its node does not hold.
    UnknownConfigKey = "unknown-config-key", Error,
        why "The kubelet cannot start a container whose variable names a key the Secret or ConfigMap lacks (`CreateContainerConfigError`), unless the reference is `optional`.",
        example "`\"secretKeyRef\": {\"name\": \"node-2\", \"key\": \"pasword\"}` where the Secret's keys are `[password]`",
        fix "Name a key of the Secret or ConfigMap, add the key to it, or set `optional: true` to start without the variable.";
    /// A `secretKeyRef` or `configMapKeyRef` names no Secret or ConfigMap of the graph.
    ExternalKeySource = "external-key-source", Warning,
        why "The name is kept as written, so the object must already exist in the cluster; if it does not, the container never starts (`CreateContainerConfigError`). A node id misspelled or of another kind ends here too.",
        example "`\"secretKeyRef\": {\"name\": \"db-credentials\", \"key\": \"password\"}` with no Secret node of that id or name",
        fix "Name a Secret or ConfigMap node of the graph (by id or name), make sure the object exists in the cluster, or set `optional: true`.";

    // ServiceAccounts, pull secrets, scheduling and claim template mounts.
    /// A workload is connected to more than one ServiceAccount.
    MultipleServiceAccounts = "multiple-service-accounts", Error,
        why "A pod runs as exactly one ServiceAccount (`serviceAccountName` is one name); with two connected, which identity and which permissions the pods get would depend on edge order.",
        example "serviceaccounts `api` and `batch` both connected to the deployment `web`",
        fix "Keep one edge; give a workload that needs other permissions its own ServiceAccount.";
    /// A workload's own `serviceAccountName` names another account than the connected one.
    ServiceAccountConflict = "service-account-conflict", Error,
        why "The workload's field wins in the pod spec, so its pods would silently run as another identity than the ServiceAccount the canvas shows connected (and the connected one's permissions would not apply).",
        example "`\"serviceAccountName\": \"default\"` on a deployment connected to the serviceaccount `api`",
        fix "Clear `serviceAccountName` (the edge sets it), or connect the ServiceAccount it names.";
    /// A `podLabels` entry the workload's own labels override.
    PodLabelOverridden = "pod-label-overridden", Warning,
        why "The pods get the workload's labels (the user's and the convention labels `app`, `version`, ...) first, since they hold its selector: a pod without them would not belong to its controller. A `podLabels` entry of the same key with another value is left out, so whatever was meant to read it (a mesh, a policy, a Service selecting by it) does not see it.",
        example "`\"podLabels\": {\"version\": \"v2\"}` on a workload whose labels leave `version` to the convention `v1`",
        fix "Remove the key from `podLabels`, or set the value in `labels` (which also changes the selector when the key is part of it).";
    /// A node affinity, pod affinity or anti-affinity the API server refuses.
    InvalidAffinity = "invalid-affinity", Error,
        why "The API server refuses a selector requirement whose values do not fit its operator (`In`/`NotIn` need values, `Exists`/`DoesNotExist` take none, `Gt`/`Lt` one whole number), a node field selector on anything but `metadata.name`, required node affinity without terms, a preferred term weighing outside 1-100, and a pod affinity term without a topology key: the workload is never created.",
        example "`\"podAntiAffinity\": {\"preferredDuringSchedulingIgnoredDuringExecution\": [{\"weight\": 0, \"podAffinityTerm\": {\"topologyKey\": \"kubernetes.io/hostname\"}}]}`",
        fix "Give each requirement the values its operator needs, weights from 1 to 100, and each pod term a node label as `topologyKey`.";
    /// A topology spread constraint the API server refuses.
    InvalidTopologySpread = "invalid-topology-spread", Error,
        why "The API server refuses a constraint with `maxSkew` below 1, no topology key or action, `minDomains` below 1 or with `ScheduleAnyway`, two constraints on one topology key and action, `matchLabelKeys` without a label selector or repeating its keys, and selector requirements whose values do not fit their operator: the workload is never created.",
        example "`\"topologySpreadConstraints\": [{\"maxSkew\": 0, \"topologyKey\": \"topology.kubernetes.io/zone\", \"whenUnsatisfiable\": \"DoNotSchedule\"}]`",
        fix "Set `maxSkew` to 1 or more, name a node label as `topologyKey`, choose `DoNotSchedule` or `ScheduleAnyway`, and use `minDomains` only with `DoNotSchedule`.";
    /// A topology spread constraint whose selector picks none of the workload's own pods.
    SpreadMissesOwnPods = "spread-misses-own-pods", Warning,
        why "The scheduler spreads the pods a constraint's selector picks; when that is none of the workload's own (a typo, a label the pods do not have), the cluster accepts it but the replicas are not spread, and may all run in one zone or on one node.",
        example "`\"labelSelector\": {\"matchLabels\": {\"app\": \"chekout\"}}` on the deployment `checkout`",
        fix "Select the workload's pod labels, for example `matchLabels: {app: <its app label>}`.";
    /// A container lifecycle hook the API server refuses, or one that always fails.
    InvalidLifecycle = "invalid-lifecycle", Error,
        why "The API server refuses a `postStart` or `preStop` hook with no action or several, an exec hook without a command, an HTTP hook without a valid port, a sleep outside 1 to the pod's `terminationGracePeriodSeconds` (Kubernetes 1.30 to 1.32 refuse 0), and any hook on an init container that is not a native sidecar: the workload is never created. A hook whose HTTP port names no port of its container, or that uses the deprecated `tcpSocket`, is accepted but fails every time: a failed `postStart` kills the container, which restarts forever.",
        example "`\"lifecycle\": {\"preStop\": {\"sleep\": {\"seconds\": 60}}}` on a pod with the default 30-second grace period",
        fix "Give each hook exactly one of exec, httpGet or sleep; sleep at most the grace period (or raise `terminationGracePeriodSeconds`); name a port the container declares.";

    // Importing docker-compose files (`kubegraph import compose`): paths point into the
    // compose file, node ids into the imported workflow.
    /// The compose file is not one, or a value in it is not what Compose accepts.
    InvalidCompose = "invalid-compose", Error,
        why "Docker Compose itself would refuse the file or the value; what it meant cannot be guessed, so that part is left out of the workflow.",
        example "`mem_limit: 12q`, a service without `image` or `build`, a port `http`",
        fix "Correct the compose file (`docker compose config` checks it) and import again.";
    /// A compose setting Kubernetes has no equivalent for.
    ComposeNotExpressible = "compose-not-expressible", Warning,
        why "The workflow runs without it: `depends_on` order and conditions, image builds, host networking, bind mounts of host paths, published host ports and `restart: no` have no Kubernetes equivalent, so the application may behave differently (a client starting before its database must retry).",
        example "`depends_on: {db: {condition: service_healthy}}`",
        fix "Read the message: most need a change in the application (retrying connections) or another object (an Ingress for a published port, an image pushed to a registry).";
    /// A compose key the importer does not convert.
    ComposeNotConverted = "compose-not-converted", Warning,
        why "Kubernetes can express it but the importer leaves it out, so the workload lacks it (a capability, a user, a working directory, labels).",
        example "`cap_add: [NET_ADMIN]`",
        fix "Set the equivalent on the imported node (for example its `securityContext`), or leave it out if it is not needed.";
    /// Content the compose file names by a path or the environment, which is not read.
    ComposeFileContent = "compose-file-content", Warning,
        why "An import reads only the compose file: the contents of bind-mounted project files, `env_file`s, and configs and secrets from files or the environment are not in the workflow, so the mounted file is empty (a Secret has no value) until they are supplied.",
        example "`volumes: [./nginx.conf:/etc/nginx/nginx.conf:ro]`",
        fix "Fill the ConfigMap's data or the claim, pass Secret values with `--values`, or add the variables to `environment` before importing.";
    // Importing Kubernetes manifests (`kubegraph::import::manifests`).
    /// The manifests given to import are not YAML (or JSON) that can be read.
    InvalidYaml = "invalid-yaml", Error,
        why "Nothing can be imported until the manifests parse; `kubectl apply` would refuse them too.",
        example "`metadata: {name: web` (cut off)",
        fix "Repair the YAML at the line and column given.";
    /// An object of a kind the workflow model has no node for.
    ImportUnsupportedKind = "import-unsupported-kind", Warning,
        why "The object is not in the imported workflow, so compiling the workflow does not write it: applying the result without it would leave it out of the cluster.",
        example "a `Role` or a `PodDisruptionBudget` among the manifests",
        fix "Keep the object beside the compiled manifests and apply it with them, or model a custom resource as a plugin node.";
    /// Fields of an imported object the workflow model cannot carry.
    ImportDroppedField = "import-dropped-field", Warning,
        why "The node holds everything else of the object, but compiling the workflow does not write these fields, so the compiled object differs from the one imported.",
        example "a Deployment with `spec.strategy` or a container with `envFrom`",
        fix "Check whether the fields matter; if they do, keep the original manifest for that object or add the fields after compiling (a kustomize patch).";
}

impl Code {
    /// Whether diagnostics of this code carry a fix (see [`super::Fix`]) where exactly
    /// one repair is certain; `kubegraph fix` applies them. `core/tests/fixes.rs` checks
    /// that these codes, and only these, offer fixes.
    pub fn has_fix(self) -> bool {
        matches!(
            self,
            Code::DanglingEdge
                | Code::SelfLoop
                | Code::UnknownHandle
                | Code::DuplicateNodeId
                | Code::DuplicateEdgeId
                | Code::StaleLink
                | Code::PlaceholderKey
                | Code::EmptyArgument
                | Code::MillibyteMemory
                | Code::MissingServiceName
        )
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Code {
    type Err = String;

    fn from_str(name: &str) -> Result<Self, Self::Err> {
        Code::ALL
            .iter()
            .copied()
            .find(|code| code.as_str() == name)
            .ok_or_else(|| format!("unknown diagnostic code `{name}`"))
    }
}

/// The documentation table of every code, as Markdown.
pub fn markdown_table() -> String {
    let mut out = String::from(
        "# Diagnostic codes\n\n\
         Generated from `core/src/diagnostic/code.rs`; a test fails when this file drifts \
         (`KUBEGRAPH_BLESS=1 cargo test` rewrites it).\n\n\
         A code marked in the last column carries, where its one repair is certain, a fix \
         as data (a title and JSON Patch operations) that `kubegraph fix` applies.\n\n\
         | code | severity | why it matters | example | fix | `kubegraph fix` |\n\
         |---|---|---|---|---|---|\n",
    );
    for code in Code::ALL {
        let doc = code.doc();
        out.push_str(&format!(
            "| `{}` | {} | {} | {} | {} | {} |\n",
            code.as_str(),
            code.severity(),
            doc.why,
            doc.example.replace('|', "\\|"),
            doc.fix,
            if code.has_fix() { "yes" } else { "" }
        ));
    }
    out
}
