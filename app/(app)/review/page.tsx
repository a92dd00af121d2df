import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageActor } from "@/lib/auth/session";

export default async function ReviewPage() {
  await requirePageActor("REVIEWER", "/review");
  return (
    <div className="mx-auto max-w-3xl">
      <PageHeader title="Review" description="The labeling sessions assigned to you." />
      <EmptyState title="Nothing to review yet">When an admin assigns you to a labeling session it appears here.</EmptyState>
    </div>
  );
}
