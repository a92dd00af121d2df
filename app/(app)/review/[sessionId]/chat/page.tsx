import { ChatPanel } from "@/components/chat/chat-panel";
import { page } from "@/lib/http/page";

// The session's guard (../layout.tsx) already answered 404 for reviewers outside the session.
async function ReviewChatPage({ params }: { params: Promise<{ sessionId: string }> }) {
  const { sessionId } = await params;
  return <ChatPanel sessionId={sessionId} />;
}

export default page(ReviewChatPage);
