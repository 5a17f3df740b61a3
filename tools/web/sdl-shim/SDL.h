/* SPDX-License-Identifier: MIT */
/*
 * SDL.h for the clerk's page's WebAssembly build only: ui/ui_int.h names
 * SDL's window, renderer, surface and texture as pointers, and the files
 * the page builds from ui/ (compose.c, theme.c, text*.c) use nothing else of
 * SDL. These opaque declarations let them compile unchanged without SDL;
 * anything that really calls SDL fails to build here, as it should.
 */
#ifndef BANGTIN_WEB_SDL_SHIM_H
#define BANGTIN_WEB_SDL_SHIM_H

typedef struct SDL_Window SDL_Window;
typedef struct SDL_Renderer SDL_Renderer;
typedef struct SDL_Surface SDL_Surface;
typedef struct SDL_Texture SDL_Texture;

#endif
