// The registry of tools whose cache a mount can serve.
import type { Tool, ToolId } from './types';
import { uvTool } from './uv';
import { pipTool } from './pip';

export const TOOLS: readonly Tool[] = [uvTool, pipTool];

export function toolById(id: ToolId): Tool | undefined {
  return TOOLS.find((tool) => tool.id === id);
}
