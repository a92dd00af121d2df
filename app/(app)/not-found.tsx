// Inside the signed-in shell, so the navigation stays at hand.
export { default, metadata } from "../not-found";
