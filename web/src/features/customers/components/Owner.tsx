export { Owner } from "@/components/Owner";
