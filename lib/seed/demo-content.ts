/** Realistic content for the demo experiment: a support assistant for a fictional cloud product. */

export interface RagExample {
  question: string;
  docs: { uri: string; text: string; score: number }[];
  answer: string;
  /** End-user thumbs up/down with an optional comment. */
  feedback?: { value: boolean; comment?: string; user: string };
}

export const RAG_EXAMPLES: RagExample[] = [
  {
    question: "How do I rotate the access keys for a service account?",
    docs: [
      {
        uri: "docs/iam/service-accounts.md#rotating-keys",
        text: "To rotate a key, create a second key, deploy it, then delete the old key. Each service account can hold two active keys.",
        score: 0.91,
      },
      {
        uri: "docs/iam/best-practices.md",
        text: "Rotate service account keys at least every 90 days. Automate rotation with the `acme iam keys rotate` command.",
        score: 0.84,
      },
    ],
    answer:
      "Create a second key for the service account, roll it out to your workloads, then delete the old key. A service account can hold two active keys at once, so there is no downtime. You can automate this with `acme iam keys rotate`; we recommend rotating at least every 90 days.",
    feedback: { value: true, user: "user-4821" },
  },
  {
    question: "What is the maximum object size in Acme Storage?",
    docs: [
      {
        uri: "docs/storage/limits.md",
        text: "A single object can be up to 5 TiB. Uploads larger than 5 GiB must use multipart upload.",
        score: 0.95,
      },
    ],
    answer: "The maximum object size is 5 GB.",
    feedback: {
      value: false,
      comment: "Wrong, the docs say 5 TiB. 5 GB is the single-request upload limit.",
      user: "user-1177",
    },
  },
  {
    question: "Can I restore a deleted database instance?",
    docs: [
      {
        uri: "docs/databases/backups.md#deleted-instances",
        text: "Deleted instances keep their automated backups for 7 days. Restore them from the Backups tab or with `acme db restore --from-deleted`.",
        score: 0.88,
      },
      {
        uri: "docs/databases/pitr.md",
        text: "Point-in-time recovery is available for the retention window configured on the instance (1 to 35 days).",
        score: 0.71,
      },
    ],
    answer:
      "Yes. For 7 days after deletion the automated backups are kept, and you can restore from the Backups tab or run `acme db restore --from-deleted <instance>`. After 7 days the backups are gone.",
    feedback: { value: true, comment: "Exactly what I needed", user: "user-2203" },
  },
  {
    question: "How much does egress to the internet cost in eu-west?",
    docs: [
      {
        uri: "pricing/network.md#egress",
        text: "Internet egress: first 1 TiB/month free, then $0.08/GiB in us-east and $0.09/GiB in eu-west.",
        score: 0.9,
      },
    ],
    answer: "In eu-west the first 1 TiB per month is free, then it costs $0.08 per GiB.",
    feedback: { value: false, comment: "eu-west is $0.09/GiB, not $0.08", user: "user-3391" },
  },
  {
    question: "Does the load balancer support WebSockets?",
    docs: [
      {
        uri: "docs/networking/load-balancers.md#protocols",
        text: "Application load balancers support HTTP/1.1, HTTP/2, gRPC and WebSocket connections. Idle WebSocket connections are closed after 1 hour.",
        score: 0.93,
      },
    ],
    answer:
      "Yes. Application load balancers support WebSocket connections (as well as HTTP/2 and gRPC). Idle WebSocket connections are closed after one hour, so send keep-alive pings if your connections can be quiet for longer.",
  },
  {
    question: "How do I set up alerts when my monthly bill goes over $500?",
    docs: [
      {
        uri: "docs/billing/budgets.md",
        text: "Create a budget under Billing > Budgets. Budgets can send email or webhook alerts at 50%, 90% and 100% of the amount, or at custom thresholds.",
        score: 0.89,
      },
    ],
    answer:
      "Go to Billing → Budgets, create a budget of $500 and choose where alerts go (email or a webhook). By default you are alerted at 50%, 90% and 100%; you can add custom thresholds.",
    feedback: { value: true, user: "user-5530" },
  },
  {
    question: "Is Acme Cloud SOC 2 compliant?",
    docs: [
      {
        uri: "trust/compliance.md",
        text: "Acme Cloud holds SOC 2 Type II and ISO 27001 certifications. Reports are available under NDA from the Trust Center.",
        score: 0.87,
      },
    ],
    answer:
      "Yes, Acme Cloud is SOC 2 Type II certified (and ISO 27001). You can request the reports under NDA from the Trust Center.",
  },
  {
    question: "Why is my function timing out after 60 seconds?",
    docs: [
      {
        uri: "docs/functions/limits.md#timeouts",
        text: "Functions time out after 60 seconds by default. The timeout can be raised to 15 minutes with the `timeout` setting.",
        score: 0.92,
      },
      {
        uri: "docs/functions/troubleshooting.md",
        text: "Cold starts can add up to 2 seconds. Connections opened outside the handler are reused between invocations.",
        score: 0.64,
      },
    ],
    answer:
      "60 seconds is the default function timeout. Raise it (up to 15 minutes) with the `timeout` setting in your function configuration.",
    feedback: {
      value: false,
      comment: "It didn't tell me how to find what is slow, just to raise the limit.",
      user: "user-1177",
    },
  },
  {
    question: "Which regions support GPU instances?",
    docs: [
      {
        uri: "docs/compute/gpu.md#regions",
        text: "GPU instances (A100, L4) are available in us-east, us-west and eu-central.",
        score: 0.9,
      },
    ],
    answer: "GPU instances (A100 and L4) are available in us-east, us-west and eu-central.",
    feedback: { value: true, user: "user-6004" },
  },
  {
    question: "Can I use my own domain with static site hosting?",
    docs: [
      {
        uri: "docs/hosting/custom-domains.md",
        text: "Add a CNAME record pointing to sites.acme.cloud, then verify the domain in the console. TLS certificates are issued automatically.",
        score: 0.94,
      },
    ],
    answer:
      "Yes: add a CNAME record pointing to `sites.acme.cloud`, verify the domain in the console, and a TLS certificate is issued for you automatically.",
  },
];

export interface AgentExample {
  request: string;
  orderId: string;
  order: Record<string, unknown> | null;
  answer: string;
  error?: string;
  feedback?: { value: boolean; comment?: string; user: string };
}

export const AGENT_EXAMPLES: AgentExample[] = [
  {
    request: "Where is my order ACM-10442? It was supposed to arrive yesterday.",
    orderId: "ACM-10442",
    order: { status: "in_transit", carrier: "DHL", eta: "2026-11-25", last_scan: "Leipzig hub" },
    answer:
      "Your order ACM-10442 is in transit with DHL. It was last scanned at the Leipzig hub and is now expected on 25 November. Sorry for the delay!",
    feedback: { value: true, user: "user-7781" },
  },
  {
    request: "Please cancel order ACM-10987, I ordered the wrong size.",
    orderId: "ACM-10987",
    order: { status: "shipped", carrier: "UPS", eta: "2026-11-24" },
    answer: "I've cancelled order ACM-10987 for you.",
    feedback: { value: false, comment: "It said cancelled but the order had already shipped!", user: "user-3042" },
  },
  {
    request: "What's the status of ACM-99999?",
    orderId: "ACM-99999",
    order: null,
    answer: "",
    error: "OrderNotFoundError: no order with id ACM-99999",
  },
  {
    request: "Can I change the delivery address for ACM-11020?",
    orderId: "ACM-11020",
    order: { status: "processing", carrier: null, eta: "2026-11-28" },
    answer:
      "Yes — order ACM-11020 hasn't shipped yet, so the address can still be changed. Reply with the new address and I'll update it.",
  },
];
